import Foundation

/// A tiny HTTP/1.1 responder for Prometheus: `GET /metrics` answers the current text, anything else 404.
/// One connection at a time on its own thread, `Connection: close`; the socket closes with the server.
public final class MetricsServer: @unchecked Sendable {
    /// The address it listens on, `host:port` (the port the kernel chose when 0 was asked).
    public let address: String
    private let socketDescriptor: Int32
    private let lock = NSLock()
    private var text: String

    /// Listens on `listen` (`HOST:PORT`, IPv4) and starts answering with `initial`.
    public init(listen: String, initial: String) throws {
        let parts = listen.split(separator: ":", omittingEmptySubsequences: false)
        var address = sockaddr_in()
        guard parts.count == 2, let port = UInt16(parts[1]), inet_pton(AF_INET, String(parts[0]), &address.sin_addr) == 1
        else { throw MetricsError.badListenAddress(listen) }
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw MetricsError.listenFailed(address: listen, reason: String(cString: strerror(errno))) }
        var reuse: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, Glibc.listen(descriptor, 16) == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw MetricsError.listenFailed(address: listen, reason: reason)
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) } }
        self.address = "\(parts[0]):\(UInt16(bigEndian: actual.sin_port))"
        socketDescriptor = descriptor
        text = initial
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    deinit { close(socketDescriptor) }

    /// Replaces the text served from now on.
    public func update(_ text: String) {
        lock.lock()
        self.text = text
        lock.unlock()
    }

    private func serve() {
        while true {
            let connection = accept(socketDescriptor, nil, nil)
            if connection < 0 {
                if errno == EINTR { continue }
                return
            }
            answer(connection)
            close(connection)
        }
    }

    private func answer(_ connection: Int32) {
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var request = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while request.count < 16384, !String(decoding: request, as: UTF8.self).contains("\r\n\r\n") {
            let count = recv(connection, &buffer, buffer.count, 0)
            if count <= 0 { break }
            request += buffer[0..<count]
        }
        let line = String(decoding: request, as: UTF8.self).split(separator: "\r\n").first ?? ""
        let words = line.split(separator: " ")
        let path = words.count >= 2 ? words[1].split(separator: "?").first.map(String.init) ?? "" : ""
        let response: String
        if words.first == "GET" || words.first == "HEAD", path == "/metrics" {
            lock.lock()
            let body = text
            lock.unlock()
            response = Self.response("200 OK", PrometheusExposition.contentType, words.first == "HEAD" ? nil : body, length: body.utf8.count)
        } else if words.first == "GET" || words.first == "HEAD" {
            response = Self.response("404 Not Found", "text/plain; charset=utf-8", "not found: try /metrics\n", length: 24)
        } else {
            response = Self.response("405 Method Not Allowed", "text/plain; charset=utf-8", "only GET\n", length: 9)
        }
        let bytes = Array(response.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count <= 0 { return }
            sent += count
        }
    }

    private static func response(_ status: String, _ type: String, _ body: String?, length: Int) -> String {
        "HTTP/1.1 \(status)\r\nContent-Type: \(type)\r\nContent-Length: \(length)\r\nConnection: close\r\n\r\n" + (body ?? "")
    }
}
