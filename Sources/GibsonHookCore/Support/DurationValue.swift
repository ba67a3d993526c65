/// A duration written the way people write it in config files and flags: `250ms`, `20s`, `5m`, `1h`, `7d`,
/// or combinations such as `1m30s`. A bare number is seconds.
public struct DurationValue: Sendable, Equatable, Hashable, Comparable, CustomStringConvertible {
    /// The length in seconds.
    public var seconds: Double

    /// Creates a duration of `seconds`.
    public init(seconds: Double) { self.seconds = seconds }

    /// Convenience constructors.
    public static func milliseconds(_ value: Double) -> DurationValue { .init(seconds: value / 1000) }
    public static func seconds(_ value: Double) -> DurationValue { .init(seconds: value) }
    public static func minutes(_ value: Double) -> DurationValue { .init(seconds: value * 60) }
    public static func days(_ value: Double) -> DurationValue { .init(seconds: value * 86_400) }

    private static let units: [(suffix: String, factor: Double)] = [
        ("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86_400), ("w", 604_800),
    ]

    /// Parses `text`; nil when it is not a duration (for example `5 minutes` or `-1s`).
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharactersInWhitespace()
        guard !trimmed.isEmpty else { return nil }
        if let plain = Double(trimmed), plain >= 0, plain.isFinite {
            self.seconds = plain
            return
        }
        var total = 0.0
        var rest = Substring(trimmed)
        while !rest.isEmpty {
            let number = rest.prefix { $0.isNumber || $0 == "." }
            guard !number.isEmpty, let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            let unitText = rest.prefix { $0.isLetter }
            guard let unit = Self.units.first(where: { $0.suffix == String(unitText) }) else { return nil }
            rest = rest.dropFirst(unitText.count)
            total += value * unit.factor
        }
        self.seconds = total
    }

    /// The duration as people write it, to the millisecond: `250ms`, `0.7s`, `20s`, `1m30s`, `1h`, `7d`.
    /// Under a second it is milliseconds unless tenths say it (`0.7s`); above, whole days, hours and minutes
    /// are followed by the seconds left, with up to three decimals.
    public var description: String {
        let millis = Int64((seconds * 1000).rounded())
        if millis <= 0 { return "0s" }
        if millis < 1000 { return millis % 100 == 0 ? "0.\(millis / 100)s" : "\(millis)ms" }
        var rest = millis
        var text = ""
        for (suffix, unit) in [("d", Int64(86_400_000)), ("h", 3_600_000), ("m", 60_000)] where rest >= unit {
            text += "\(rest / unit)\(suffix)"
            rest %= unit
        }
        guard rest > 0 else { return text }
        var fraction = rest % 1000 == 0 ? "" : String(String(rest % 1000 + 1000).dropFirst())
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return text + "\(rest / 1000)" + (fraction.isEmpty ? "" : "." + fraction) + "s"
    }

    public static func < (lhs: DurationValue, rhs: DurationValue) -> Bool { lhs.seconds < rhs.seconds }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines (no Foundation needed).
    func trimmingCharactersInWhitespace() -> String {
        // `Character.isWhitespace` also covers "\r\n", which Swift treats as a single grapheme.
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = lastIndex(where: { !isSpace($0) })!
        return String(self[first...last])
    }
}
