import Foundation

/// Reads a stream of JSON values written one after another ("concatenated JSON", as Confluent REST v3
/// answers a streaming produce): any whitespace, including `\r\n`, may separate them, and the last one
/// may be cut off. It finds each value's end by structure, never by splitting on line breaks.
enum ConcatenatedJSONReader {
    /// The values that are complete and valid, in order, and whether the stream ended cleanly (false when
    /// it stopped at a truncated or invalid value).
    static func values(in data: Data) -> (values: [JSONValue], complete: Bool) {
        let bytes = [UInt8](data)
        var values: [JSONValue] = []
        var index = 0
        while true {
            while index < bytes.count, isWhitespace(bytes[index]) { index += 1 }
            guard index < bytes.count else { return (values, true) }
            guard let end = endOfValue(bytes, from: index),
                let value = bytes[index..<end].withUnsafeBufferPointer({ try? JSONByteParser.parse($0) })
            else { return (values, false) }
            values.append(value)
            index = end
        }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// One past the last byte of the value starting at `start`, or nil when the stream ends inside it.
    private static func endOfValue(_ bytes: [UInt8], from start: Int) -> Int? {
        let first = bytes[start]
        if first != UInt8(ascii: "{") && first != UInt8(ascii: "[") && first != UInt8(ascii: "\"") {
            // A bare scalar (number, true, false, null) runs to the next separator.
            var index = start
            while index < bytes.count, !isWhitespace(bytes[index]), !"{}[],\"".utf8.contains(bytes[index]) {
                index += 1
            }
            return index == bytes.count ? nil : index
        }
        var depth = 0
        var inString = false
        var escaped = false
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    if depth == 0 { return index }
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return index }
            default: break
            }
        }
        return nil
    }
}
