import Foundation

/// A transport that remembers the HTTP status of the last request it sent (nil when that request got no
/// answer): the sinks' `lastRequestStatus`, the `code` of `gibson_hook_requests_total`.
final class StatusRecordingTransport: HTTPTransport {
    private let transport: HTTPTransport
    /// The status of the last request, nil when it failed without an answer.
    private(set) var lastStatus: Int?

    init(_ transport: HTTPTransport) { self.transport = transport }

    /// Forgets the last status: called before each request a sink settles, so one settled without being sent
    /// (a bad event, missing credentials) is not labelled with the status of the one before.
    func forget() { lastStatus = nil }

    func send(_ request: HTTPRequest, deadline: Date) throws(HTTPError) -> HTTPResponse {
        lastStatus = nil
        let response = try transport.send(request, deadline: deadline)
        lastStatus = response.status
        return response
    }
}
