import Foundation

/// A circuit breaker per endpoint, kept in the outbox's `state` table so that short-lived processes (one
/// per hook) share it: after `threshold` consecutive failed attempts the endpoint is skipped for
/// `recoveryTimeout`; then one half-open probe decides whether it closes again.
///
/// State is `breaker.<endpoint>` = "<consecutive failures> <open until, Unix seconds>".
struct CircuitBreaker {
    /// What a caller may do with an endpoint now.
    enum Decision: Equatable {
        /// Deliver normally.
        case closed
        /// Send one probe; its result closes or re-opens the breaker.
        case halfOpen
        /// Do not send before `until`.
        case open(until: Date)
    }

    let cache: KeyValueCache
    let threshold: Int
    let recoveryTimeout: Double

    private func key(_ endpoint: String) -> String { "breaker." + endpoint }

    private func read(_ endpoint: String) -> (failures: Int, openUntil: Double) {
        let parts = (cache.value(for: key(endpoint)) ?? "").split(separator: " ")
        guard parts.count == 2, let failures = Int(parts[0]), let until = Double(parts[1]) else { return (0, 0) }
        return (failures, until)
    }

    private func write(_ endpoint: String, failures: Int, openUntil: Double) {
        cache.setValue("\(failures) \(openUntil)", for: key(endpoint))
    }

    /// The decision for `endpoint` at `now`.
    func decision(for endpoint: String, now: Date) -> Decision {
        let state = read(endpoint)
        guard state.failures >= threshold else { return .closed }
        if state.openUntil > now.timeIntervalSince1970 { return .open(until: Date(timeIntervalSince1970: state.openUntil)) }
        return .halfOpen
    }

    /// Marks a half-open probe as in flight: other processes see the breaker open until it reports.
    func beginProbe(for endpoint: String, now: Date) {
        write(endpoint, failures: max(read(endpoint).failures, threshold), openUntil: now.timeIntervalSince1970 + recoveryTimeout)
    }

    /// The endpoint answered: close the breaker.
    func recordSuccess(for endpoint: String) {
        if read(endpoint).failures > 0 { cache.setValue(nil, for: key(endpoint)) }
    }

    /// The endpoint failed once more; at the threshold (or after a failed probe) the breaker opens.
    func recordFailure(for endpoint: String, now: Date) {
        let failures = read(endpoint).failures + 1
        let openUntil = failures >= threshold ? now.timeIntervalSince1970 + recoveryTimeout : 0
        write(endpoint, failures: failures, openUntil: openUntil)
    }
}

/// Exponential backoff with full jitter: the n-th retry waits random(0, min(cap, base * 2^(n-1))).
struct Backoff {
    let base: Double
    let cap: Double
    /// Returns a uniform random number in [0, upper]; injectable for tests.
    let random: (Double) -> Double

    /// The wait after `attempts` failed attempts; `retryAfter` (seconds) from the server wins when longer.
    func delay(afterAttempts attempts: Int, retryAfter: Double?) -> Double {
        let exponent = Double(max(0, min(attempts - 1, 30)))
        let ceiling = min(cap, base * pow(2, exponent))
        return max(random(ceiling), max(0, retryAfter ?? 0))
    }
}
