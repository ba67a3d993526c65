import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// TCP connect and HTTP GET probes for infrastructure services and sinks.
public enum NetworkProbe {
    /// Opens a TCP connection to `host:port` (non-blocking connect, then `poll` until `timeout`).
    public static func tcp(name: String, host: String, port: Int, timeout: Double) -> ProbeResult {
        let started = Date()
        let error = connect(host: host, port: port, timeout: timeout)
        let latency = Int(Date().timeIntervalSince(started) * 1000)
        let failure: ProbeFailure? = error == nil ? nil : (error == "timed out" ? .timeout : .connectionFailed)
        let detail = error.map { "\(host):\(port) \($0)" } ?? "\(host):\(port) accepted a connection"
        return ProbeResult(name: name, kind: .tcp, failure: failure, detail: detail, latencyMs: latency)
    }

    /// GETs `url` and expects `expectStatus`.
    public static func http(name: String, url: String, expectStatus: Int, timeout: Double) -> ProbeResult {
        let started = Date()
        let outcome = HTTPStatusFetcher.status(of: url, timeout: timeout)
        let latency = Int(Date().timeIntervalSince(started) * 1000)
        switch outcome {
        case .success(let status) where status == expectStatus:
            return ProbeResult(name: name, kind: .http, failure: nil, detail: "GET \(ConfigSecrets.maskURL(url)) answered \(status)", latencyMs: latency)
        case .success(let status):
            return ProbeResult(
                name: name, kind: .http, failure: .unexpectedStatus,
                detail: "GET \(ConfigSecrets.maskURL(url)) answered \(status), expected \(expectStatus)", latencyMs: latency)
        case .failure(let error):
            return ProbeResult(name: name, kind: .http, failure: error.timedOut ? .timeout : .connectionFailed,
                detail: "GET \(ConfigSecrets.maskURL(url)) failed: \(error.message)", latencyMs: latency)
        }
    }

    /// Nil on success, else a short lower-case reason.
    static func connect(host: String, port: Int, timeout: Double) -> String? {
        guard port > 0 && port < 65_536 else { return "has no valid port" }
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>? = nil
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else {
            return "could not be resolved"
        }
        defer { freeaddrinfo(list) }
        let deadline = Date().addingTimeInterval(timeout)
        var reason = "refused the connection"
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let address = entry {
            entry = address.pointee.ai_next
            let fd = socket(address.pointee.ai_family, address.pointee.ai_socktype, address.pointee.ai_protocol)
            guard fd >= 0 else { continue }
            defer { close(fd) }
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            if Glibc.connect(fd, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 { return nil }
            guard errno == EINPROGRESS else { continue }
            var pending = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            let remaining = Int32(max(0, deadline.timeIntervalSinceNow) * 1000)
            guard poll(&pending, 1, remaining) > 0 else { reason = "timed out"; continue }
            var code: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &code, &length)
            if code == 0 { return nil }
        }
        return reason
    }
}
