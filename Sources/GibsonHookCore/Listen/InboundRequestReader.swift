#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// One HTTP/1.1 request as the webhook receiver read it.
struct InboundRequest {
    let method: String
    let target: String
    /// Header names lower-cased; repeated headers joined with ", ".
    let headers: [String: String]
    let body: [UInt8]
}

/// A request the receiver refuses before reading it whole, with the status to answer.
struct InboundRefusal: Error {
    let status: Int
    let reason: String
    var headers: [(String, String)] = []
}

/// Reads one request from a connected socket with hard limits: the head (request line and headers) at most
/// `maxHeadBytes` and 100 headers, the body at most `maxBodyBytes` and only with `Content-Length` (chunked
/// bodies are refused), everything within `timeout` seconds. Anything else is a refusal with its status.
struct InboundRequestReader {
    static let maxHeadBytes = 16 * 1024
    static let maxHeaders = 100
    let maxBodyBytes: Int
    let timeout: Double

    /// Reads one request; `admit` sees the method and headers once the head is read and framed (before the
    /// size limit) and may refuse the request (a wrong bearer token) before any body is read.
    func read(
        _ socket: Int32, admit: (String, [String: String]) -> InboundRefusal? = { _, _ in nil }
    ) throws(InboundRefusal) -> InboundRequest {
        let deadline = Date().addingTimeInterval(timeout)
        var buffer: [UInt8] = []
        var headEnd: Int?
        while headEnd == nil {
            guard buffer.count < Self.maxHeadBytes else { throw InboundRefusal(status: 431, reason: "request head too large") }
            try receive(socket, into: &buffer, upTo: Self.maxHeadBytes - buffer.count + 1, deadline: deadline)
            headEnd = Self.find([13, 10, 13, 10], in: buffer)
        }
        let head = Array(buffer[..<headEnd!])
        var body = Array(buffer[(headEnd! + 4)...])
        guard let text = String(validating: head, as: UTF8.self) else { throw InboundRefusal(status: 400, reason: "request head is not UTF-8") }
        var lines = text.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ", omittingEmptySubsequences: false)
        guard requestLine.count == 3, requestLine[2].hasPrefix("HTTP/1."), !requestLine[0].isEmpty,
            requestLine[0].utf8.allSatisfy({ $0 >= 65 && $0 <= 90 }), requestLine[1].hasPrefix("/") || requestLine[1] == "*"
        else { throw InboundRefusal(status: 400, reason: "malformed request line") }
        guard lines.count <= Self.maxHeaders else { throw InboundRefusal(status: 431, reason: "too many headers") }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex,
                !line[..<colon].contains(where: { $0 == " " || $0 == "\t" })
            else { throw InboundRefusal(status: 400, reason: "malformed header line") }
            let name = line[..<colon].lowercased()
            let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            headers[name] = headers[name].map { $0 + ", " + value } ?? value
        }
        if headers["transfer-encoding"] != nil {
            throw InboundRefusal(status: 411, reason: "chunked bodies are not accepted: send Content-Length")
        }
        var length = 0
        if let declared = headers["content-length"] {
            guard let value = Int(declared), value >= 0, String(value) == declared else {
                throw InboundRefusal(status: 400, reason: "invalid Content-Length")
            }
            length = value
        } else if requestLine[0] == "POST" {
            throw InboundRefusal(status: 411, reason: "Content-Length is required")
        }
        if let refusal = admit(String(requestLine[0]), headers) { throw refusal }
        guard length <= maxBodyBytes else {
            throw InboundRefusal(status: 413, reason: "body of \(length) bytes is larger than the limit of \(maxBodyBytes)")
        }
        while body.count < length { try receive(socket, into: &body, upTo: length - body.count, deadline: deadline) }
        return InboundRequest(method: String(requestLine[0]), target: String(requestLine[1]), headers: headers,
                           body: Array(body.prefix(length)))
    }

    private func receive(_ socket: Int32, into buffer: inout [UInt8], upTo count: Int, deadline: Date) throws(InboundRefusal) {
        let remaining = deadline.timeIntervalSinceNow
        guard remaining > 0 else { throw InboundRefusal(status: 408, reason: "the request took too long") }
        var poller = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        let ready = poll(&poller, 1, Int32(min(remaining * 1000, 60_000)) + 1)
        if ready < 0 && errno == EINTR { return }
        guard ready > 0 else { throw InboundRefusal(status: 408, reason: "the request took too long") }
        var chunk = [UInt8](repeating: 0, count: min(max(count, 1), 64 * 1024))
        let received = recv(socket, &chunk, chunk.count, 0)
        guard received > 0 else { throw InboundRefusal(status: 400, reason: "the connection closed mid-request") }
        buffer += chunk[..<received]
    }

    /// After answering a request whose body was not read: stops sending (the client sees the answer end) and
    /// reads and drops what the client still sends, at most `maxBytes` for `seconds`, so closing does not
    /// reset the connection before the client has read the answer.
    static func drain(_ socket: Int32, maxBytes: Int = 8 << 20, seconds: Double = 2) {
        shutdown(socket, Int32(SHUT_WR))
        let deadline = Date().addingTimeInterval(seconds)
        var dropped = 0
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while dropped < maxBytes {
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { return }
            var poller = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(remaining * 1000) + 1)
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { return }
            let received = recv(socket, &chunk, chunk.count, 0)
            guard received > 0 else { return }
            dropped += received
        }
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if Array(haystack[start..<(start + needle.count)]) == needle { return start }
        }
        return nil
    }
}
