import Foundation

/// Parses the `Retry-After` header (RFC 9110 §10.2.3): delay-seconds or an HTTP-date in any of the three
/// formats a recipient must accept (IMF-fixdate, obsolete RFC 850, asctime). Negative waits become 0.
public enum RetryAfter {
    /// Seconds to wait from `now`, or nil when `value` is neither form.
    public static func seconds(from value: String, now: Date) -> Double? {
        let text = value.trimmingCharactersInWhitespace()
        guard !text.isEmpty else { return nil }
        if text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            return Double(text)
        }
        if text.hasPrefix("-"), Int(text) != nil { return 0 }
        guard let date = httpDate(text) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }

    private static let formats = [
        "EEE, dd MMM yyyy HH:mm:ss 'GMT'",  // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
        "EEEE, dd-MMM-yy HH:mm:ss 'GMT'",  // RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
        "EEE MMM d HH:mm:ss yyyy",  // asctime: Sun Nov  6 08:49:37 1994
    ]

    /// The instant named by an HTTP-date, or nil.
    public static func httpDate(_ text: String) -> Date? {
        // asctime pads single-digit days with a second space; collapse runs of spaces first.
        let normalized = text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        for format in formats {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            // RFC 850 two-digit years: RFC 9110 says a year more than 50 years ahead is in the past century.
            formatter.twoDigitStartDate = Date().addingTimeInterval(-50 * 365.25 * 86_400)
            if let date = formatter.date(from: normalized) { return date }
        }
        return nil
    }
}
