/// What one delivery run did, for `flush` and `emit --wait`.
public struct DeliveryReport: Sendable, Equatable {
    /// Events acknowledged by a sink in this run.
    public var delivered = 0
    /// Attempts that failed transiently and were rescheduled.
    public var retried = 0
    /// Events that became dead letters in this run.
    public var dead = 0
    /// Every dead letter of the configured sinks (all sinks when none is configured) not yet retried or
    /// purged, this run's included: the `dead` of the summary, never silently zero.
    public var deadLetters = 0
    /// Events whose request got no answer (nothing sent, or no HTTP status came back): still pending,
    /// no attempt counted.
    public var unanswered = 0
    /// Of those, events the sink may have stored anyway (a Kafka record reported possibly persisted): sent
    /// again with the same id, so they may arrive twice.
    public var possibleDuplicates = 0
    /// Pending rows leased by another flush that is still running.
    public var leasedElsewhere = 0
    /// The process ids of the flushes holding those leases (on this host).
    public var leaseHolders: [Int] = []
    /// Pending rows left for the configured sinks (or, with no sink, events waiting for one).
    public var remaining = 0
    /// Sinks that answered 410 Gone, with the reason: their events stay pending.
    public var goneSinks: [String: String] = [:]
    /// Sinks with events left pending and a connection problem of their own (see `EventSink.problem`).
    public var sinkProblems: [String: String] = [:]
    /// Endpoints whose circuit breaker is open.
    public var openBreakers: [String] = []
    /// True when no sink is configured.
    public var noSinks = false

    public init() {}

    /// The `--json` form.
    public var jsonValue: JSONValue {
        [
            "delivered": .integer(Int64(delivered)), "retried": .integer(Int64(retried)),
            "dead": .integer(Int64(deadLetters)), "newDead": .integer(Int64(dead)),
            "unanswered": .integer(Int64(unanswered)), "possibleDuplicates": .integer(Int64(possibleDuplicates)), "leasedByOtherFlush": .integer(Int64(leasedElsewhere)),
            "remaining": .integer(Int64(remaining)), "goneSinks": .object(goneSinks.mapValues { .string($0) }),
            "sinkProblems": .object(sinkProblems.mapValues { .string($0) }),
            "openBreakers": .array(openBreakers.sorted().map { .string($0) }), "noSinks": .bool(noSinks),
        ]
    }
}
