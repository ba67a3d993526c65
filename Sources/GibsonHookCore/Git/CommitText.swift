#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns a commit's raw bytes into text as `git log` shows it.
enum CommitText {
    /// Decodes `bytes` written in `encoding` (the commit's `encoding` header; nil means UTF-8). A declared
    /// legacy encoding is converted with iconv, as `git log` re-encodes to UTF-8; bytes that still do not
    /// decode become U+FFFD, so the result is always valid text.
    static func decode(_ bytes: [UInt8], encoding: String?) -> String {
        if let encoding, !["utf-8", "utf8"].contains(encoding.lowercased()),
            let converted = convert(bytes, from: encoding)
        {
            return String(decoding: converted, as: UTF8.self)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The subject and body of a message, as `%s` and `%b` give them: the subject is the first paragraph
    /// with its lines joined by spaces; the body is everything after the blank lines that follow it, with
    /// trailing whitespace removed.
    static func split(message: String) -> (subject: String, body: String) {
        let lines = message.split(separator: "\n", omittingEmptySubsequences: false)
        var index = 0
        while index < lines.count, isBlank(lines[index]) { index += 1 }
        var subjectLines: [Substring] = []
        while index < lines.count, !isBlank(lines[index]) {
            subjectLines.append(trimmingTrailingWhitespace(lines[index]))
            index += 1
        }
        while index < lines.count, isBlank(lines[index]) { index += 1 }
        let body = lines[min(index, lines.count)...].joined(separator: "\n")
        return (subjectLines.joined(separator: " "), String(trimmingTrailingWhitespace(Substring(body))))
    }

    private static func isBlank(_ line: Substring) -> Bool { line.allSatisfy { $0.isWhitespace } }

    private static func trimmingTrailingWhitespace(_ text: Substring) -> Substring {
        var end = text.endIndex
        while end > text.startIndex, text[text.index(before: end)].isWhitespace { end = text.index(before: end) }
        return text[..<end]
    }

    /// Converts `bytes` from `encoding` to UTF-8 with iconv; nil when iconv does not know the encoding or
    /// the bytes are not valid in it.
    private static func convert(_ bytes: [UInt8], from encoding: String) -> [UInt8]? {
        let descriptor = iconv_open("UTF-8", encoding)
        guard descriptor != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(descriptor) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: bytes.count * 4 + 16)
        let outputCapacity = output.count
        var inputLeft = input.count
        var outputLeft = outputCapacity
        let result = input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                var inputPointer: UnsafeMutablePointer<CChar>? = inputBuffer.baseAddress
                var outputPointer: UnsafeMutablePointer<CChar>? = outputBuffer.baseAddress
                return iconv(descriptor, &inputPointer, &inputLeft, &outputPointer, &outputLeft)
            }
        }
        guard result != -1, inputLeft == 0 else { return nil }
        return output[0..<(outputCapacity - outputLeft)].map { UInt8(bitPattern: $0) }
    }

    /// RFC 3339 text for `seconds` since the epoch at `offsetMinutes` east of UTC, in that offset.
    static func rfc3339(seconds: Int64, offsetMinutes: Int) -> String {
        var local = time_t(seconds + Int64(offsetMinutes) * 60)
        var parts = tm()
        gmtime_r(&local, &parts)
        let sign = offsetMinutes < 0 ? "-" : "+"
        let offset = abs(offsetMinutes)
        return "\(pad(Int(parts.tm_year) + 1900, 4))-\(pad(Int(parts.tm_mon) + 1))-\(pad(Int(parts.tm_mday)))"
            + "T\(pad(Int(parts.tm_hour))):\(pad(Int(parts.tm_min))):\(pad(Int(parts.tm_sec)))"
            + "\(sign)\(pad(offset / 60)):\(pad(offset % 60))"
    }

    private static func pad(_ value: Int, _ width: Int = 2) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
