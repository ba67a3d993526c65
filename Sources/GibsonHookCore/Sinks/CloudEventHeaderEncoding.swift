/// Header values of the CloudEvents HTTP binary mode (HTTP protocol binding §3.1.3.2): space, `"`, `%`
/// and every character outside printable ASCII (U+0021–U+007E) are written as their UTF-8 bytes, each
/// `%XY` with upper-case hex. Nothing else is encoded, and nothing is encoded twice.
public enum CloudEventHeaderEncoding {
    /// The header value for an attribute's canonical string form.
    public static func encode(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            let code = scalar.value
            if code >= 0x21 && code <= 0x7E && code != 0x22 && code != 0x25 {
                out.unicodeScalars.append(scalar)
            } else {
                for byte in String(scalar).utf8 { out += "%" + SinkResponses.hex(byte) }
            }
        }
        return out
    }

    /// Decodes one round of percent-encoding (either hex case); nil for a malformed escape or bytes that are
    /// not valid UTF-8 (for example the overlong `%C0%A0`).
    public static func decode(_ value: String) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(value.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                return nil
            }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 48...57: return byte - 48
        case 65...70: return byte - 55
        case 97...102: return byte - 87
        default: return nil
        }
    }

    /// The canonical string form of an extension value: strings as they are, integers in decimal,
    /// booleans as `true`/`false`, anything else as compact JSON.
    public static func canonicalString(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return text
        case .integer(let number): return String(number)
        case .bool(let flag): return flag ? "true" : "false"
        default: return value.serialized()
        }
    }
}
