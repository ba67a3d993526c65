#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A GET over a unix socket (the Docker Engine API's), HTTP/1.1 with `Connection: close`: the whole answer
/// is read (at most `limit` bytes, within `timeout` seconds) and a chunked body decoded.
struct UnixHTTPClient {
    let socketPath: String
    var timeout = 10.0
    var limit = 16 << 20

    /// The status and body of `GET target`; throws `ListenError.dockerFailed` with the reason.
    func get(_ target: String) throws -> (status: Int, body: [UInt8]) {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw failure("socket: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let path = Array(socketPath.utf8)
        guard path.count < MemoryLayout.size(ofValue: address.sun_path) else { throw failure("socket path too long") }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path)
            raw[path.count] = 0
        }
        var time = timeval(tv_sec: Int(timeout), tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else { throw failure("cannot connect to '\(socketPath)': \(String(cString: strerror(errno)))") }
        let request = Array("GET \(target) HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n".utf8)
        guard request.withUnsafeBytes({ send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == request.count else {
            throw failure("cannot send the request to '\(socketPath)'")
        }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count == 0 { break }
            guard count > 0 else { throw failure("no complete answer from '\(socketPath)' within \(Int(timeout)) s") }
            answer += buffer[..<count]
            guard answer.count <= limit else { throw failure("the answer is larger than \(limit) bytes") }
        }
        guard let headEnd = InboundRequestReader.find([13, 10, 13, 10], in: answer),
            let head = String(validating: answer[..<headEnd], as: UTF8.self)
        else { throw failure("malformed HTTP answer") }
        let lines = head.components(separatedBy: "\r\n")
        let words = lines[0].split(separator: " ")
        guard words.count >= 2, let status = Int(words[1]) else { throw failure("malformed status line '\(lines[0])'") }
        var body = Array(answer[(headEnd + 4)...])
        if lines.dropFirst().contains(where: { $0.lowercased().hasPrefix("transfer-encoding:") && $0.lowercased().contains("chunked") }) {
            body = try dechunk(body)
        }
        return (status, body)
    }

    private func dechunk(_ body: [UInt8]) throws -> [UInt8] {
        var out: [UInt8] = []
        var index = 0
        while index < body.count {
            guard let lineEnd = InboundRequestReader.find([13, 10], in: Array(body[index...])) else { throw failure("malformed chunk") }
            let sizeText = String(decoding: body[index..<(index + lineEnd)], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else { throw failure("malformed chunk size") }
            index += lineEnd + 2
            if size == 0 { break }
            guard index + size <= body.count else { throw failure("truncated chunk") }
            out += body[index..<(index + size)]
            index += size + 2
        }
        return out
    }

    private func failure(_ reason: String) -> ListenError { .dockerFailed(reason) }
}
