import Foundation

/// One HTTP header field. `description` masks credentials so a request can be logged safely.
public struct HTTPHeader: Sendable, Equatable, CustomStringConvertible {
    /// Field name as sent (sinks send lower-case `ce-*` names and canonical names otherwise).
    public var name: String
    /// Field value.
    public var value: String

    /// Creates a header field.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    /// `name: value`, with the value of `Authorization` and `Proxy-Authorization` masked.
    public var description: String {
        let secret = ["authorization", "proxy-authorization"].contains(name.lowercased())
        return "\(name): \(secret ? "<redacted>" : value)"
    }
}

/// An HTTP request as the sinks build it; the transport adds nothing but `Expect:` suppression.
public struct HTTPRequest: Sendable, Equatable {
    /// The methods gibson-hook uses.
    public enum Method: String, Sendable, Equatable {
        /// Used for Kafka REST v3 cluster discovery.
        case get = "GET"
        /// Used for every delivery.
        case post = "POST"
        /// Used by `topics apply --fix` to raise a topic's partition count through Kafka REST v3.
        case patch = "PATCH"
    }

    /// GET or POST.
    public var method: Method
    /// Absolute URL, already percent-encoded.
    public var url: String
    /// Header fields in sending order.
    public var headers: [HTTPHeader]
    /// Request body (empty for GET).
    public var body: Data
    /// The most response-body bytes kept (default 64 KiB, enough for a diagnosis); the transfer stops
    /// there, so a huge answer costs neither memory nor time. Sinks that read per-record reports raise it.
    public var responseLimit: Int

    /// The default `responseLimit`.
    public static let defaultResponseLimit = 64 * 1024

    /// Creates a request.
    public init(
        method: Method, url: String, headers: [HTTPHeader] = [], body: Data = Data(),
        responseLimit: Int = HTTPRequest.defaultResponseLimit
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.responseLimit = responseLimit
    }

    /// The value of the first header named `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// A complete HTTP response.
public struct HTTPResponse: Sendable, Equatable {
    /// Status code of the final response (interim 1xx responses are discarded).
    public var status: Int
    /// Header fields of the final response.
    public var headers: [HTTPHeader]
    /// The response body, at most the request's `responseLimit` bytes.
    public var body: Data
    /// True when the server sent more than `responseLimit` bytes: `body` is the prefix, the rest was not read.
    public var bodyTruncated = false

    /// Creates a response.
    public init(status: Int, headers: [HTTPHeader] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The value of the first header named `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The body as UTF-8 text (invalid bytes replaced).
    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// Sends HTTP requests. `HTTPClient` is the libcurl implementation; tests use a fake.
public protocol HTTPTransport: AnyObject {
    /// Sends `request` and returns the response, giving up at `deadline` (or earlier, at the client's
    /// own timeouts). Never follows redirects.
    func send(_ request: HTTPRequest, deadline: Date) throws(HTTPError) -> HTTPResponse
}

/// Why a request produced no response. Messages never contain header values or URL credentials.
public enum HTTPError: Error, Equatable, CustomStringConvertible {
    /// The deadline had passed before the request could be sent; nothing was sent.
    case deadlineExceeded(url: String)
    /// Name resolution, TCP connect or the TLS handshake failed; nothing was sent, so a retry is safe.
    case couldNotConnect(url: String, reason: String)
    /// The request may have been sent but no complete answer arrived in time: the outcome is unknown.
    case timedOut(url: String, reason: String)
    /// The connection broke after the request was sent: the outcome is unknown.
    case transferFailed(url: String, reason: String)
    /// The request could not be built (malformed URL, unreadable certificate or key file).
    case invalidRequest(url: String, reason: String)

    public var description: String {
        switch self {
        case .deadlineExceeded(let url):
            return "deadline reached before sending to '\(url)': the event stays pending"
        case .couldNotConnect(let url, let reason):
            return "could not connect to '\(url)': \(reason)"
        case .timedOut(let url, let reason):
            return "no answer from '\(url)' in time (outcome unknown, will retry): \(reason)"
        case .transferFailed(let url, let reason):
            return "connection to '\(url)' failed mid-request (outcome unknown, will retry): \(reason)"
        case .invalidRequest(let url, let reason):
            return "cannot send to '\(url)': \(reason); check the sink's URL and TLS settings"
        }
    }

    /// A URL safe to show: scheme, host, port and path, without user info or query.
    static func displayURL(_ url: String) -> String {
        guard var components = URLComponents(string: url) else { return "<malformed url>" }
        components.user = nil
        components.password = nil
        components.query = nil
        components.fragment = nil
        return components.string ?? "<malformed url>"
    }
}
