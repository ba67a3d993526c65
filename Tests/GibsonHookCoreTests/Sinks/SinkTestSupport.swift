import Foundation
@testable import GibsonHookCore

/// A scripted HTTP transport: records every request and answers from a queue (the last answer repeats).
final class FakeTransport: HTTPTransport {
    enum Answer {
        case response(HTTPResponse)
        case failure(HTTPError)
    }

    private(set) var requests: [HTTPRequest] = []
    var answers: [Answer]
    /// Optional router: when set, it answers instead of the queue.
    var route: ((HTTPRequest) -> Answer)?

    init(_ answers: [Answer] = [.response(HTTPResponse(status: 200))]) {
        self.answers = answers
    }

    convenience init(status: Int, body: String = "", headers: [HTTPHeader] = []) {
        self.init([.response(HTTPResponse(status: status, headers: headers, body: Data(body.utf8)))])
    }

    func send(_ request: HTTPRequest, deadline: Date) throws(HTTPError) -> HTTPResponse {
        requests.append(request)
        let answer = route?(request) ?? (answers.count > 1 ? answers.removeFirst() : answers[0])
        switch answer {
        case .response(let response): return response
        case .failure(let error): throw error
        }
    }

    /// The body of request `index` as text.
    func bodyText(_ index: Int = 0) -> String { String(decoding: requests[index].body, as: UTF8.self) }
}

/// An in-memory `KeyValueCache`.
final class MemoryCache: KeyValueCache {
    var values: [String: String] = [:]
    func value(for key: String) -> String? { values[key] }
    func setValue(_ value: String?, for key: String) { values[key] = value }
}

/// A clock stopped at one instant.
struct FixedClock: WallClock {
    var instant = Date(timeIntervalSince1970: 1_790_000_000)
    func now() -> Date { instant }
    func sleep(seconds: Double) {}
}

/// A response with a text body.
func answer(_ status: Int, _ body: String = "", headers: [HTTPHeader] = []) -> FakeTransport.Answer {
    .response(HTTPResponse(status: status, headers: headers, body: Data(body.utf8)))
}

/// A sample outbound event.
func sampleEvent(
    _ id: String = "evt-1", topic: String = "project-events", key: String? = "acme/widgets",
    subject: String? = "refs/heads/main", data: JSONValue? = ["sha": "1b4e28b"]
) -> OutboundEvent {
    let event = CloudEvent(
        id: id, source: "https://git.example.com/acme/widgets", type: "ai.gibson.hook.commit",
        time: "2026-08-22T10:15:30Z", subject: subject, data: data)
    return OutboundEvent(event: event, topic: topic, key: key)
}

/// A deadline far enough away.
let farDeadline = Date().addingTimeInterval(60)
