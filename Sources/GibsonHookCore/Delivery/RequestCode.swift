import Foundation

/// The outcome code of one delivery request, `gibson_hook_requests_total`'s `code` label: the HTTP status
/// when the request got one, else a word for what happened (`timeout`, `connection`, `deadline`, the Kafka
/// error name, `delivered` or `failed` when nothing more is known).
enum RequestCode {
    /// The code of the request whose events got `outcomes`; `status` is the sink's own record of it.
    static func of(_ outcomes: [DeliveryOutcome], status: Int?) -> String {
        if let status { return String(status) }
        let reasons = outcomes.compactMap { outcome -> String? in
            switch outcome {
            case .delivered: return nil
            case .retry(let reason, _), .permanent(let reason), .gone(let reason), .notSent(let reason): return reason
            }
        }
        guard let reason = reasons.first else { return "delivered" }
        if let range = reason.range(of: #"HTTP [0-9]{3}"#, options: .regularExpression) {
            return String(reason[range].dropFirst(5))
        }
        if let range = reason.range(of: #"\(_?[A-Z][A-Z_]+\)"#, options: .regularExpression) {
            return reason[range].trimmingCharacters(in: CharacterSet(charactersIn: "()"))
        }
        if reason.hasPrefix("deadline") { return "deadline" }
        if reason.contains("in time") || reason.contains("deadline") { return "timeout" }
        if reason.contains("connect") { return "connection" }
        return "failed"
    }
}

extension OutboxStore {
    /// The `state` key prefix of the per-sink request counters.
    static let requestCountPrefix = "requests."

    /// Adds one to `sink`'s count of requests that ended in `code`, inside the caller's transaction
    /// (`complete`, which stores the request's outcomes).
    func countRequest(sink: String, code: String) throws {
        try database.prepared("""
            INSERT INTO state(key, value) VALUES (?, '1')
            ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)
            """).run([.text(Self.requestCountPrefix + sink + " " + code)])
    }

    /// Every counted `(sink, code, count)`, ordered by sink and code.
    func requestCounts() throws -> [(sink: String, code: String, count: Int)] {
        try database.prepared("SELECT key, value FROM state WHERE key LIKE 'requests.%' ORDER BY key").rows { row in
            let key = String((row.text(0) ?? "").dropFirst(Self.requestCountPrefix.count))
            let parts = key.split(separator: " ", maxSplits: 1).map(String.init)
            return (parts.first ?? "", parts.count == 2 ? parts[1] : "", Int(row.text(1) ?? "") ?? 0)
        }
    }
}
