
/// Retries, deadlines and the circuit breaker.
public struct DeliverySettings: Sendable, Equatable {
    /// Default deadline of a delivering command (`flush`, `emit --wait`).
    public var deadline = DurationValue.seconds(20)
    public var connectTimeout = DurationValue.seconds(2)
    public var requestTimeout = DurationValue.seconds(10)
    /// Full-jitter exponential backoff: sleep = random(0, min(cap, base * 2^n)).
    public var backoffBase = DurationValue.milliseconds(200)
    public var backoffCap = DurationValue.seconds(5)
    /// Consecutive failures that open an endpoint's breaker (design document: 5).
    public var breakerFailureThreshold = 5
    /// How long an open breaker stays open (design document: 30 s).
    public var breakerRecoveryTimeout = DurationValue.seconds(30)

    public init() {}
}
