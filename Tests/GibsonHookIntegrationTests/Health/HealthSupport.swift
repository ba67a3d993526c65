import Foundation
@testable import GibsonHookCore

/// Helpers for the health integration tests: the real gibson-cli, and scripts standing in for broken ones.
enum HealthFixtures {
    /// The real gibson-cli 0.8.12 on PATH (scripts/test.sh puts .venv/bin first).
    static func realGibson() throws -> URL {
        guard let gibson = BinaryRunner.which("gibson") else {
            throw TestFailure("gibson-cli is not on PATH: run scripts/test.sh, or put a venv with gibson-cli==0.8.12 first on PATH")
        }
        return gibson
    }

    /// Writes an executable shell script at `path`.
    static func script(_ path: URL, _ body: String) throws {
        try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
        try ("#!/bin/sh\n" + body + "\n").write(to: path, atomically: false, encoding: .utf8)
        chmod(path.path, 0o755)
    }

    /// Parses a command's stdout as JSON.
    static func json(_ result: CommandResult) throws -> JSONValue {
        try JSONValue.parse(result.stdoutData)
    }

    /// True once `pid` no longer runs (gone, or a zombie waiting for init).
    static func isGone(_ pid: pid_t) -> Bool {
        for _ in 0..<300 {
            if kill(pid, 0) != 0 { return true }
            if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), stat.contains(") Z ") { return true }
            usleep(10_000)
        }
        return false
    }
}

/// A TCP listener on 127.0.0.1 with a kernel-chosen port, standing in for an infrastructure service.
/// Connections complete in the kernel's backlog; nothing is ever accepted.
final class TCPListener {
    let port: Int
    let descriptor: Int32

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0, listen(fd, 16) == 0 else { close(fd); throw TestFailure("could not listen on 127.0.0.1") }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        descriptor = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(descriptor) }
}

/// An HTTP server on 127.0.0.1 that answers every request with `status` (and `body`) and closes the
/// connection; it keeps the request lines and bodies it received.
final class StatusServer: @unchecked Sendable {
    let listener: TCPListener
    let status: Int
    private let lock = NSLock()
    private var received: [String] = []
    var url: String { "http://127.0.0.1:\(listener.port)/health" }
    var baseURL: String { "http://127.0.0.1:\(listener.port)" }

    /// Every request received so far: the request line, a blank line, the body.
    var requests: [String] { lock.withLock { received } }

    init(status: Int, body: String = "") throws {
        listener = try TCPListener()
        self.status = status
        let fd = listener.descriptor
        let reply = "HTTP/1.1 \(status) Status\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
        Thread.detachNewThread { [self] in
            while true {
                let client = accept(fd, nil, nil)
                if client < 0 { return }
                let request = Self.readRequest(client)
                lock.withLock { received.append(request) }
                _ = reply.withCString { write(client, $0, strlen($0)) }
                close(client)
            }
        }
    }

    /// Reads headers and a Content-Length body, so the client never sees a reset.
    private static func readRequest(_ client: Int32) -> String {
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(client, &buffer, buffer.count)
            if count <= 0 { break }
            data += buffer[0..<count]
            let text = String(decoding: data, as: UTF8.self)
            guard let end = text.range(of: "\r\n\r\n") else { continue }
            let head = text[..<end.lowerBound].lowercased()
            let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
            let bodyBytes = data.count - (text[..<end.upperBound].utf8.count)
            if bodyBytes >= length {
                let line = text.split(separator: "\r\n").first.map(String.init) ?? ""
                return line + "\n\n" + String(text[end.upperBound...])
            }
        }
        return String(decoding: data, as: UTF8.self)
    }
}
