#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The CloudEvents webhook receiver: HTTP/1.1 over POSIX sockets, one short-lived thread per connection
/// (at most `maxConnections`; more are answered 503 at once), `Connection: close` after every answer.
///
/// - `OPTIONS` with `WebHook-Request-Origin`: the CloudEvents webhook validation handshake, answered with
///   `WebHook-Allowed-Origin` and `WebHook-Allowed-Rate: *` when `allowedOrigins` lets the origin send.
/// - `POST`: structured, binary or batch CloudEvents (`CloudEventsHTTPDecoder`), bearer token checked when
///   one is configured; the events go to `queue` and the answer waits for the listen loop to store them:
///   202 once they are durable, 503 with Retry-After when the queue is full or storing failed.
/// - Malformed requests get 400, oversized ones 413, slow ones 408; other methods 405.
public final class WebhookServer: @unchecked Sendable {
    /// The address it listens on, `host:port` (the port the kernel chose when 0 was asked).
    public let address: String
    private let socketDescriptor: Int32
    private let settings: WebhookListenSettings
    private let token: String?
    private let queue: WebhookQueue
    private let lock = NSLock()
    private var connections = 0
    private var stopped = false
    /// How long a request waits for the listen loop before it is answered 503.
    static let storeWait = 30.0

    /// Listens on `settings.address` (validated by the configuration), feeding `queue`.
    public init(settings: WebhookListenSettings, token: String?, queue: WebhookQueue) throws {
        let text = settings.address ?? ""
        guard let parsed = WebhookAddress(text) else { throw ListenError.badAddress(text) }
        var address = sockaddr_in()
        _ = inet_pton(AF_INET, parsed.host, &address.sin_addr)
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = parsed.port.bigEndian
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw ListenError.listenFailed(address: text, reason: String(cString: strerror(errno))) }
        var reuse: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, Glibc.listen(descriptor, 128) == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw ListenError.listenFailed(address: text, reason: reason)
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) } }
        self.address = "\(parsed.host):\(UInt16(bigEndian: actual.sin_port))"
        socketDescriptor = descriptor
        self.settings = settings
        self.token = token
        self.queue = queue
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// The most connections served at once.
    var maxConnections: Int { queue.limit * 2 + 16 }

    /// Stops accepting; requests being read are still answered.
    public func stop() {
        lock.lock()
        let first = !stopped
        stopped = true
        lock.unlock()
        if first { shutdown(socketDescriptor, Int32(SHUT_RDWR)) }
    }

    /// After `stop`: waits up to `seconds` for the connections being answered to finish.
    public func waitForConnections(seconds: Double) {
        let until = Date().addingTimeInterval(seconds)
        while Date() < until {
            lock.lock()
            let open = connections
            lock.unlock()
            if open == 0 { return }
            usleep(10_000)
        }
    }

    deinit {
        stop()
        close(socketDescriptor)
    }

    private func acceptLoop() {
        while true {
            let connection = accept(socketDescriptor, nil, nil)
            if connection < 0 {
                if errno == EINTR || errno == ECONNABORTED || errno == EMFILE || errno == ENFILE {
                    if errno == EMFILE || errno == ENFILE { usleep(10_000) }
                    continue
                }
                return
            }
            // No child (an action run) inherits the connection.
            _ = fcntl(connection, F_SETFD, FD_CLOEXEC)
            lock.lock()
            let admitted = connections < maxConnections && !stopped
            if admitted { connections += 1 }
            lock.unlock()
            guard admitted else {
                write(connection, InboundResponse.busy("too many connections"))
                close(connection)
                continue
            }
            let thread = Thread { [self] in
                let (response, unread) = answer(connection)
                write(connection, response)
                if unread { InboundRequestReader.drain(connection) }
                close(connection)
                lock.lock()
                connections -= 1
                lock.unlock()
            }
            thread.start()
        }
    }

    /// The answer, and whether the request may have been left partly unread (a refusal).
    private func answer(_ connection: Int32) -> (InboundResponse, unread: Bool) {
        let request: InboundRequest
        do {
            request = try InboundRequestReader(maxBodyBytes: settings.maxBodyBytes, timeout: settings.readTimeout.seconds)
                .read(connection) { method, headers in method == "POST" ? unauthorized(headers) : nil }
        } catch {
            return (InboundResponse(status: error.status, headers: error.headers, body: error.reason), true)
        }
        switch request.method {
        case "OPTIONS": return (handshake(request), false)
        case "POST": return (receive(request), false)
        default:
            return (InboundResponse(status: 405, headers: [("Allow", "POST, OPTIONS")], body: "only POST (events) and OPTIONS (validation)"), false)
        }
    }

    /// The 401 refusal of a POST without the configured bearer token, checked before its body is read.
    private func unauthorized(_ headers: [String: String]) -> InboundRefusal? {
        guard let token else { return nil }
        guard !Self.constantTimeEqual(headers["authorization"] ?? "", "Bearer " + token) else { return nil }
        return InboundRefusal(status: 401, reason: "a valid bearer token is required", headers: [("WWW-Authenticate", "Bearer")])
    }

    /// The CloudEvents webhook validation handshake (HTTP webhook spec §4).
    private func handshake(_ request: InboundRequest) -> InboundResponse {
        guard let origin = request.headers["webhook-request-origin"], !origin.isEmpty else {
            return InboundResponse(status: 200, headers: [("Allow", "POST, OPTIONS")], body: "")
        }
        let allowsAny = settings.allowedOrigins.contains("*")
        guard allowsAny || settings.allowedOrigins.contains(origin) else {
            return InboundResponse(status: 403, headers: [("Allow", "POST, OPTIONS")], body: "origin '\(origin)' may not send events here")
        }
        return InboundResponse(status: 200, headers: [
            ("Allow", "POST, OPTIONS"), ("WebHook-Allowed-Origin", allowsAny ? "*" : origin), ("WebHook-Allowed-Rate", "*"),
        ], body: "")
    }

    private func receive(_ request: InboundRequest) -> InboundResponse {
        let events: [CloudEvent]
        do {
            events = try CloudEventsHTTPDecoder.events(headers: request.headers, body: request.body)
        } catch {
            if case .unsupportedData = error { return InboundResponse(status: 415, body: error.reason) }
            return InboundResponse(status: 400, body: error.reason)
        }
        if events.isEmpty { return InboundResponse(status: 202, json: .object(["accepted": 0, "duplicates": 0])) }
        let job = WebhookJob(events: events)
        guard queue.offer(job) else {
            return InboundResponse.busy(queue.isClosed ? "listen is stopping" : "the receive queue is full")
        }
        switch job.wait(seconds: Self.storeWait) {
        case .stored(let accepted, let duplicates)?:
            return InboundResponse(status: 202, json: .object(["accepted": .integer(Int64(accepted)), "duplicates": .integer(Int64(duplicates))]))
        case .failed(let reason)?:
            return InboundResponse.busy("the events were not stored: \(reason)")
        case nil:
            return InboundResponse.busy("the events were not stored in time")
        }
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        var difference = UInt8(x.count == y.count ? 0 : 1)
        for index in 0..<max(x.count, y.count) {
            difference |= (index < x.count ? x[index] : 0) ^ (index < y.count ? y[index] : 0)
        }
        return difference == 0
    }

    private func write(_ connection: Int32, _ response: InboundResponse) {
        let bytes = response.bytes
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count <= 0 { return }
            sent += count
        }
    }
}

/// One answer of the webhook receiver.
struct InboundResponse {
    let status: Int
    var headers: [(String, String)] = []
    var contentType = "text/plain; charset=utf-8"
    let body: String

    init(status: Int, headers: [(String, String)] = [], body: String) {
        self.status = status
        self.headers = headers
        self.body = body.isEmpty ? "" : body + "\n"
    }

    init(status: Int, json: JSONValue) {
        self.status = status
        contentType = "application/json"
        body = json.serialized() + "\n"
    }

    /// 503 with `Retry-After: 1`.
    static func busy(_ reason: String) -> InboundResponse {
        InboundResponse(status: 503, headers: [("Retry-After", "1")], body: reason)
    }

    var bytes: [UInt8] {
        let reasons = [200: "OK", 202: "Accepted", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden",
                       405: "Method Not Allowed", 408: "Request Timeout", 411: "Length Required",
                       413: "Content Too Large", 415: "Unsupported Media Type", 431: "Request Header Fields Too Large",
                       503: "Service Unavailable"]
        var head = "HTTP/1.1 \(status) \(reasons[status] ?? "Status")\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "Content-Type: \(contentType)\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n"
        return Array((head + body).utf8)
    }
}
