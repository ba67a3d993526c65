/// A binary-mode Kafka record read straight from an event's stored JSON, without parsing it into a
/// `CloudEvent`: the top-level attributes become `ce_` headers and `data`'s bytes, as stored, the value.
///
/// The outbox stores events through `EventJSONWriter` (object keys sorted, the form `JSONValue.serialized()`
/// gives), so `data`'s stored bytes are what `CloudEventsSink.binaryMessage` would serialise. Anything this
/// scanner does not handle byte for byte (`data_base64`, a non-string extension, a string `data` of a
/// non-JSON media type, malformed JSON) returns nil and the caller takes the parsing path.
enum KafkaBinaryRecord {
    /// The record's headers (as `KafkaNativeSink.record` orders them) and value; nil to parse instead.
    static func from(stored bytes: [UInt8]) -> ([(String, [UInt8])], [UInt8])? {
        bytes.withUnsafeBufferPointer { buffer in
            var scanner = Scanner(bytes: buffer)
            return scanner.record()
        }
    }

    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        mutating func record() -> ([(String, [UInt8])], [UInt8])? {
            var attributes: [String: [UInt8]] = [:]
            var extensions: [(String, [UInt8])] = []
            var data: Range<Int>?
            skipSpace()
            guard next() == UInt8(ascii: "{") else { return nil }
            skipSpace()
            if peek() == UInt8(ascii: "}") { return nil }
            while true {
                skipSpace()
                guard let key = string() else { return nil }
                skipSpace()
                guard next() == UInt8(ascii: ":") else { return nil }
                skipSpace()
                let name = String(decoding: key, as: UTF8.self)
                if name == "data" {
                    let start = index
                    guard skipValue(depth: 0) else { return nil }
                    data = start..<index
                } else {
                    // Every other member must be a string: anything else takes the parsing path.
                    guard peek() == UInt8(ascii: "\""), let value = string() else { return nil }
                    switch name {
                    case "specversion", "id", "source", "type", "time", "subject", "dataschema", "datacontenttype":
                        attributes[name] = value
                    case "data_base64": return nil
                    default: extensions.append((name, value))
                    }
                }
                skipSpace()
                switch next() {
                case UInt8(ascii: ","): continue
                case UInt8(ascii: "}"): break
                default: return nil
                }
                break
            }
            skipSpace()
            guard index == bytes.count, attributes["specversion"] == Array(CloudEvent.specVersion.utf8),
                  let id = attributes["id"], let source = attributes["source"], let type = attributes["type"]
            else { return nil }
            let contentType = attributes["datacontenttype"] ?? Array("application/json".utf8)
            var value: [UInt8] = []
            if let data {
                // A string of a non-JSON media type is sent as its text: left to the parsing path.
                if bytes[data.lowerBound] == UInt8(ascii: "\"")
                    && !CloudEventsSink.isJSONMediaType(String(decoding: contentType, as: UTF8.self)) { return nil }
                if bytes[data.lowerBound] == UInt8(ascii: "n") { return nil }  // null: left to the parsing path
                value = Array(bytes[data])
            }
            var headers: [(String, [UInt8])] = [
                ("content-type", contentType), ("ce_specversion", Array(CloudEvent.specVersion.utf8)),
                ("ce_id", id), ("ce_source", source), ("ce_type", type),
            ]
            for name in ["time", "subject", "dataschema"] {
                if let text = attributes[name] { headers.append(("ce_" + name, text)) }
            }
            for (name, text) in extensions.sorted(by: { $0.0 < $1.0 }) { headers.append(("ce_" + name, text)) }
            return (headers, value)
        }

        func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func next() -> UInt8? {
            guard index < bytes.count else { return nil }
            defer { index += 1 }
            return bytes[index]
        }

        mutating func skipSpace() {
            while let byte = peek(), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
        }

        /// A JSON string's decoded UTF-8 bytes; nil when malformed.
        mutating func string() -> [UInt8]? {
            guard next() == UInt8(ascii: "\"") else { return nil }
            var out: [UInt8] = []
            while let byte = next() {
                switch byte {
                case UInt8(ascii: "\""): return out
                case UInt8(ascii: "\\"):
                    guard let escaped = next() else { return nil }
                    switch escaped {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escaped)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "u"):
                        guard var scalar = hex4() else { return nil }
                        if (0xD800..<0xDC00).contains(scalar) {
                            guard next() == UInt8(ascii: "\\"), next() == UInt8(ascii: "u"), let low = hex4(),
                                  (0xDC00..<0xE000).contains(low) else { return nil }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let unicode = Unicode.Scalar(scalar) else { return nil }
                        out.append(contentsOf: Array(String(Character(unicode)).utf8))
                    default: return nil
                    }
                case 0..<0x20: return nil
                default: out.append(byte)
                }
            }
            return nil
        }

        mutating func hex4() -> UInt32? {
            var value: UInt32 = 0
            for _ in 0..<4 {
                guard let byte = next(), let digit = Self.hexDigit(byte) else { return nil }
                value = value << 4 | digit
            }
            return value
        }

        static func hexDigit(_ byte: UInt8) -> UInt32? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
        }

        /// Skips one JSON value (strings, numbers, literals, nested objects and arrays) without building it.
        mutating func skipValue(depth: Int) -> Bool {
            guard depth < 512, let byte = peek() else { return false }
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                while let next = next() {
                    if next == UInt8(ascii: "\"") { return true }
                    if next == UInt8(ascii: "\\") { guard self.next() != nil else { return false } }
                }
                return false
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let close = byte == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                index += 1
                skipSpace()
                if peek() == close { index += 1; return true }
                while true {
                    skipSpace()
                    if close == UInt8(ascii: "}") {
                        guard peek() == UInt8(ascii: "\""), skipValue(depth: depth + 1) else { return false }
                        skipSpace()
                        guard next() == UInt8(ascii: ":") else { return false }
                        skipSpace()
                    }
                    guard skipValue(depth: depth + 1) else { return false }
                    skipSpace()
                    guard let separator = next() else { return false }
                    if separator == close { return true }
                    guard separator == UInt8(ascii: ",") else { return false }
                }
            default:
                // Numbers and literals: everything up to the next delimiter.
                let start = index
                while let next = peek(), next != UInt8(ascii: ","), next != UInt8(ascii: "}"), next != UInt8(ascii: "]"),
                      next != 0x20, next != 0x0A, next != 0x0D, next != 0x09 { index += 1 }
                return index > start
            }
        }
    }
}
