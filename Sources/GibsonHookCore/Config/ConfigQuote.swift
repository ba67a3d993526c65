/// Quotes a configuration value in a message: control characters escaped (a CR/LF in a URL must not
/// break the line it is reported on) and a long value cut to its first 100 characters.
enum ConfigQuote {
    /// The text to put between quotes.
    static func text(_ value: String) -> String {
        let limit = 100
        var out = ""
        for (index, scalar) in value.unicodeScalars.enumerated() {
            if index == limit { return out + "…" }
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
