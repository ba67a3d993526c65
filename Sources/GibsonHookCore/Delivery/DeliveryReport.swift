/// What one delivery run did, for `flush` and `emit --wait`.
public struct DeliveryReport: Sendable, Equatable {
    /// Events acknowledged by a sink in this run.
    public var delivered = 0
    /// Attempts that failed transiently and were rescheduled.
    public var retried = 0
    /// Events that became dead letters in this run.
    public var dead = 0
    /// Pending rows left for the configured sinks (or, with no sink, events waiting for one).
    public var remaining = 0
    /// Sinks that answered 410 Gone, with the reason: their events stay pending.
    public var goneSinks: [String: String] = [:]
    /// Endpoints whose circuit breaker is open.
    public var openBreakers: [String] = []
    /// True when no sink is configured.
    public var noSinks = false

    public init() {}

    /// The `--json` form.
    public var jsonValue: JSONValue {
        [
            "delivered": .integer(Int64(delivered)), "retried": .integer(Int64(retried)), "dead": .integer(Int64(dead)),
            "remaining": .integer(Int64(remaining)), "goneSinks": .object(goneSinks.mapValues { .string($0) }),
            "openBreakers": .array(openBreakers.sorted().map { .string($0) }), "noSinks": .bool(noSinks),
        ]
    }
}
