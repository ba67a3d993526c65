import Foundation
import Testing
@testable import GibsonHookCore

@Suite struct CloudEventsSinkTests {
    func sink(_ transport: FakeTransport, mode: CloudEventsSettings.Mode = .structured, batchSize: Int = 100, auth: AuthSettings = AuthSettings()) -> CloudEventsSink {
        var settings = CloudEventsSettings()
        settings.url = "https://sink.test/events"
        settings.mode = mode
        settings.batchSize = batchSize
        settings.auth = auth
        return CloudEventsSink(settings: settings, transport: transport, environment: ProcessEnvironment(["CE_TOKEN": "tok-1"]), clock: FixedClock())
    }

    @Test func structuredModeOneEventPerRequest() throws {
        let transport = FakeTransport(status: 202)
        let outcomes = sink(transport).deliver([sampleEvent("a"), sampleEvent("b")], deadline: farDeadline)
        #expect(outcomes == [.delivered, .delivered])
        #expect(transport.requests.count == 2)
        let request = transport.requests[0]
        #expect(request.url == "https://sink.test/events")
        #expect(request.header("Content-Type") == "application/cloudevents+json; charset=UTF-8")
        #expect(try JSONValue.parse(request.body) == sampleEvent("a").event.jsonObject)
    }

    @Test func batchModeSendsArraysOfBatchSize() throws {
        let transport = FakeTransport(status: 200)
        _ = sink(transport, mode: .batch, batchSize: 2).deliver((1...3).map { sampleEvent("e\($0)") }, deadline: farDeadline)
        #expect(transport.requests.count == 2)
        #expect(transport.requests[0].header("Content-Type") == "application/cloudevents-batch+json; charset=UTF-8")
        let array = try #require(try JSONValue.parse(transport.requests[0].body).arrayValue)
        #expect(array.map { $0["id"] } == ["e1", "e2"])
    }

    @Test func binaryModeHeaders() throws {
        var event = sampleEvent("a", subject: "Euro € 😀")
        event.event.extensions = ["gibsonhook": "post commit", "attempt": 3, "dry": false]
        let transport = FakeTransport(status: 204)
        _ = sink(transport, mode: .binary).deliver([event], deadline: farDeadline)
        let request = transport.requests[0]
        #expect(request.header("Content-Type") == "application/json")
        #expect(request.header("ce-datacontenttype") == nil)
        #expect(request.header("ce-specversion") == "1.0")
        #expect(request.header("ce-id") == "a")
        #expect(request.header("ce-source") == "https://git.example.com/acme/widgets")
        #expect(request.header("ce-type") == "ai.gibson.hook.commit")
        #expect(request.header("ce-time") == "2026-08-22T10:15:30Z")
        #expect(request.header("ce-subject") == "Euro%20%E2%82%AC%20%F0%9F%98%80")
        #expect(request.header("ce-gibsonhook") == "post%20commit")
        #expect(request.header("ce-attempt") == "3")
        #expect(request.header("ce-dry") == "false")
        #expect(request.headers.filter { $0.name.hasPrefix("ce-") }.allSatisfy { $0.name == $0.name.lowercased() })
        #expect(try JSONValue.parse(request.body) == ["sha": "1b4e28b"])
    }

    @Test func binaryModeSendsTextDataAsIs() {
        var event = sampleEvent("a", data: "plain words")
        event.event.dataContentType = "text/plain"
        let (headers, body) = CloudEventsSink.binaryMessage(event.event)
        #expect(headers.first == HTTPHeader("Content-Type", "text/plain"))
        #expect(String(decoding: body, as: UTF8.self) == "plain words")
    }

    @Test func bearerTokenFromEnvironment() {
        var auth = AuthSettings()
        auth.kind = .bearer
        auth.tokenEnv = "CE_TOKEN"
        auth.token = "inline"
        let transport = FakeTransport(status: 200)
        _ = sink(transport, auth: auth).deliver([sampleEvent()], deadline: farDeadline)
        #expect(transport.requests[0].header("Authorization") == "Bearer tok-1")
    }

    @Test func throttledHonoursRetryAfter() {
        let transport = FakeTransport(status: 429, body: "slow down", headers: [HTTPHeader("Retry-After", "12")])
        #expect(sink(transport).deliver([sampleEvent()], deadline: farDeadline)
            == [.retry(reason: "cloudevents sink answered HTTP 429: slow down", retryAfter: 12)])
    }

    @Test func goneStopsDelivery() {
        let transport = FakeTransport(status: 410, body: #"{"message":"endpoint removed"}"#)
        let outcomes = sink(transport).deliver([sampleEvent("a"), sampleEvent("b")], deadline: farDeadline)
        #expect(outcomes == Array(repeating: .gone(reason: "cloudevents sink answered HTTP 410: endpoint removed"), count: 2))
        #expect(transport.requests.count == 1)
    }

    @Test func redirectIsPermanent() {
        let transport = FakeTransport(status: 301, headers: [HTTPHeader("Location", "https://elsewhere.test/")])
        #expect(sink(transport).deliver([sampleEvent()], deadline: farDeadline)
            == [.permanent(reason: "HTTP 301: redirect to 'https://elsewhere.test/' not followed; configure the final URL")])
    }

    @Test(arguments: [408, 500, 502, 503])
    func serverTroubleRetries(status: Int) {
        guard case .retry = sink(FakeTransport(status: status)).deliver([sampleEvent()], deadline: farDeadline)[0] else {
            Issue.record("\(status) must retry"); return
        }
    }

    @Test func otherClientErrorsArePermanentWithTruncatedReason() {
        let long = String(repeating: "x", count: 1000)
        let outcome = sink(FakeTransport(status: 400, body: long)).deliver([sampleEvent()], deadline: farDeadline)[0]
        guard case .permanent(let reason) = outcome else { Issue.record("400 must be permanent"); return }
        #expect(reason.hasPrefix("cloudevents sink answered HTTP 400: xxx"))
        #expect(reason.count < 400)
    }
}

@Suite struct CloudEventHeaderEncodingTests {
    @Test func wireVectors() {
        #expect(CloudEventHeaderEncoding.encode("Euro € 😀") == "Euro%20%E2%82%AC%20%F0%9F%98%80")
        #expect(CloudEventHeaderEncoding.encode("100%") == "100%25")
        #expect(CloudEventHeaderEncoding.encode("a\"b") == "a%22b")
        #expect(CloudEventHeaderEncoding.encode("tab\there") == "tab%09here")
        #expect(CloudEventHeaderEncoding.encode("https://x/y?z=1&w") == "https://x/y?z=1&w")
    }

    @Test func decodingRoundTripsAndRejectsInvalidUTF8() {
        #expect(CloudEventHeaderEncoding.decode("Euro%20%E2%82%AC%20%F0%9F%98%80") == "Euro € 😀")
        #expect(CloudEventHeaderEncoding.decode("100%25") == "100%")
        #expect(CloudEventHeaderEncoding.decode("a%22b") == "a\"b")
        #expect(CloudEventHeaderEncoding.decode("%e2%82%ac") == "€")
        #expect(CloudEventHeaderEncoding.decode("%C0%A0") == nil)
        #expect(CloudEventHeaderEncoding.decode("%G1") == nil)
    }
}
