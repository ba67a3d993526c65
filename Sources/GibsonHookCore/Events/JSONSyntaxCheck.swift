/// Checks that UTF-8 bytes are one JSON object (RFC 8259 grammar) without building any value: the flush's
/// claim uses it to tell an unreadable stored event from a good one when the sink sends the stored bytes as
/// they are. Lone `\u` surrogates are not looked for (the byte-level parser rejects them).
struct JSONSyntaxCheck {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    /// True when `bytes` is valid UTF-8 holding exactly one JSON object (surrounding whitespace allowed).
    static func isObject(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard String(validating: bytes, as: UTF8.self) != nil else { return false }
        var check = JSONSyntaxCheck(bytes: bytes)
        check.skipSpace()
        guard check.index < bytes.count, bytes[check.index] == UInt8(ascii: "{"), check.value(depth: 0) else { return false }
        check.skipSpace()
        return check.index == bytes.count
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private mutating func skipSpace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
            index += 1
        }
    }

    private func at(_ ascii: Unicode.Scalar) -> Bool { index < bytes.count && bytes[index] == UInt8(ascii: ascii) }

    private mutating func value(depth: Int) -> Bool {
        guard depth < 512, index < bytes.count else { return false }
        switch bytes[index] {
        case UInt8(ascii: "{"): return container(close: "}", members: true, depth: depth)
        case UInt8(ascii: "["): return container(close: "]", members: false, depth: depth)
        case UInt8(ascii: "\""): return string()
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        default: return number()
        }
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
        index += count
        return true
    }

    /// An object (`members`: name, colon, value) or an array, from its opening bracket.
    private mutating func container(close: Unicode.Scalar, members: Bool, depth: Int) -> Bool {
        index += 1
        skipSpace()
        if at(close) { index += 1; return true }
        while true {
            skipSpace()
            if members {
                guard at("\""), string() else { return false }
                skipSpace()
                guard at(":") else { return false }
                index += 1
                skipSpace()
            }
            guard value(depth: depth + 1) else { return false }
            skipSpace()
            if at(",") { index += 1; continue }
            if at(close) { index += 1; return true }
            return false
        }
    }

    private mutating func string() -> Bool {
        index += 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { index += 1; return true }
            guard byte >= 0x20 else { return false }
            index += 1
            guard byte == UInt8(ascii: "\\") else { continue }
            guard index < bytes.count else { return false }
            switch bytes[index] {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                index += 1
            case UInt8(ascii: "u"):
                guard index + 4 < bytes.count else { return false }
                for offset in 1...4 where !Self.isHexDigit(bytes[index + offset]) { return false }
                index += 5
            default: return false
            }
        }
        return false
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }

    private mutating func digits() -> Int {
        let start = index
        while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
        return index - start
    }

    private mutating func number() -> Bool {
        if at("-") { index += 1 }
        let start = index
        let count = digits()
        guard count > 0, !(bytes[start] == 0x30 && count > 1) else { return false }
        if at(".") {
            index += 1
            guard digits() > 0 else { return false }
        }
        if at("e") || at("E") {
            index += 1
            if at("+") || at("-") { index += 1 }
            guard digits() > 0 else { return false }
        }
        return true
    }
}
