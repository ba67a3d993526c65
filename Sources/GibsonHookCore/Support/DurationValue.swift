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
    public static func hours(_ value: Double) -> DurationValue { .init(seconds: value * 3600) }
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

    /// The shortest exact spelling: `250ms`, `20s`, `5m`, `1h`, `7d`, else seconds with a fraction.
    public var description: String {
        if seconds == 0 { return "0s" }
        for (suffix, factor) in Self.units.reversed() where suffix != "ms" && suffix != "w" {
            let count = seconds / factor
            if count >= 1, count == count.rounded() { return "\(Int(count))\(suffix)" }
        }
        let millis = seconds * 1000
        if millis == millis.rounded() { return "\(Int(millis))ms" }
        return "\(seconds)s"
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
