import Foundation

/// Delivers pending outbox rows to sinks until everything is delivered or the deadline passes.
///
/// Per sink: batches of up to `maxBatchSize`, oldest first, never a later event of a key while an earlier
/// one is waiting (see `OutboxStore.claim`); transient failures back off with full jitter (or the server's
/// `Retry-After` when longer); permanent failures and exhausted attempts become dead letters; `410 Gone`
/// marks the sink gone and leaves its events pending; a per-endpoint circuit breaker skips dead endpoints.
public final class Deliverer {
    private let store: OutboxStore
    private let sinks: [EventSink]
    private let clock: WallClock
    private let maxAttempts: Int
    private let retention: Double
    private let requestTimeout: Double
    private let backoff: Backoff
    private let breaker: CircuitBreaker
    private let progress: ((DeliveryReport) -> Void)?
    private let owner = OutboxStore.leaseOwner()

    /// A deliverer for `sinks` with the configuration's delivery and outbox settings. `random(upper)` returns
    /// a uniform number in [0, upper] (injectable for tests); `progress` is called after every batch.
    public init(
        store: OutboxStore, sinks: [EventSink], configuration: Configuration, clock: WallClock,
        random: @escaping (Double) -> Double = { $0 > 0 ? Double.random(in: 0...$0) : 0 },
        progress: ((DeliveryReport) -> Void)? = nil
    ) {
        let delivery = configuration.delivery
        self.store = store
        self.sinks = sinks
        self.clock = clock
        self.maxAttempts = max(1, configuration.outbox.maxAttempts)
        self.retention = configuration.outbox.retention.seconds
        self.requestTimeout = delivery.requestTimeout.seconds
        self.backoff = Backoff(base: delivery.backoffBase.seconds, cap: delivery.backoffCap.seconds, random: random)
        self.breaker = CircuitBreaker(
            cache: store, threshold: max(1, delivery.breakerFailureThreshold),
            recoveryTimeout: delivery.breakerRecoveryTimeout.seconds)
        self.progress = progress
    }

    /// The `state` key marking `sink` gone at its current endpoint (a new URL clears it).
    static func goneKey(_ sink: EventSink) -> String { "gone." + sink.name + "." + sink.endpoint }

    /// Delivers until nothing is due before `deadline`; what is left stays pending.
    public func run(deadline: Date) throws -> DeliveryReport {
        var report = DeliveryReport()
        report.noSinks = sinks.isEmpty
        try store.prune(deliveredBefore: clock.now().addingTimeInterval(-retention))
        var active: [EventSink] = []
        for sink in sinks {
            try store.materialize(sink: sink)
            if let reason = store.value(for: Self.goneKey(sink)) { report.goneSinks[sink.name] = reason } else { active.append(sink) }
        }
        while !active.isEmpty && clock.now() < deadline {
            var worked = false
            var wake: Date?
            for sink in active where clock.now() < deadline {
                switch try deliverOnce(to: sink, deadline: deadline, report: &report) {
                case .worked: worked = true
                case .idle(let next): if let next { wake = min(wake ?? next, next) }
                case .gone: active.removeAll { $0 === sink }
                }
            }
            if worked { continue }
            guard let wake, wake < deadline else { break }
            // Never spin: wait at least a millisecond even when the wake time has just passed.
            clock.sleep(seconds: max(0.001, wake.timeIntervalSince(clock.now())))
        }
        try finish(&report)
        return report
    }

    private enum Step { case worked, idle(next: Date?), gone }

    private func deliverOnce(to sink: EventSink, deadline: Date, report: inout DeliveryReport) throws -> Step {
        let now = clock.now()
        var limit = max(1, sink.maxBatchSize)
        let decision = breaker.decision(for: sink.endpoint, now: now)
        if case .open(let until) = decision { return .idle(next: until) }
        if decision == .halfOpen { limit = 1 }
        let leaseUntil = max(deadline, now).addingTimeInterval(requestTimeout + 5)
        let batch = try store.claim(
            sink: sink.name, limit: limit, owner: owner, leaseUntil: leaseUntil, parse: sink.readsEventAttributes)
        if batch.isEmpty { return .idle(next: try store.pendingSummary(sink: sink.name).nextDue) }
        if decision == .halfOpen { breaker.beginProbe(for: sink.endpoint, now: now) }
        let outcomes = sink.deliver(batch.map(\.outbound), deadline: deadline)
        let gone = try record(outcomes, for: batch, sink: sink, report: &report)
        progress?(report)
        if let gone {
            store.setValue(gone, for: Self.goneKey(sink))
            report.goneSinks[sink.name] = gone
            return .gone
        }
        return .worked
    }

    /// Stores the outcome of each row and updates the breaker; returns the reason when the sink is gone.
    private func record(
        _ outcomes: [DeliveryOutcome], for batch: [ClaimedDelivery], sink: EventSink, report: inout DeliveryReport
    ) throws -> String? {
        let now = clock.now()
        var updates: [(ClaimedDelivery, DeliveryUpdate)] = []
        var answered = false
        var failed = false
        var gone: String?
        for (index, row) in batch.enumerated() {
            let outcome = index < outcomes.count
                ? outcomes[index] : .retry(reason: "the sink returned no outcome for this event", retryAfter: nil)
            switch outcome {
            case .delivered:
                updates.append((row, .delivered))
                report.delivered += 1
                answered = true
            case .permanent(let reason):
                updates.append((row, .dead(error: reason)))
                report.dead += 1
                answered = true
            case .gone(let reason):
                updates.append((row, .release))
                gone = reason
            case .retry(let reason, let retryAfter):
                failed = true
                let attempts = row.attempts + 1
                if attempts >= maxAttempts {
                    updates.append((row, .dead(error: "gave up after \(attempts) attempts: \(reason)")))
                    report.dead += 1
                } else {
                    let wait = backoff.delay(afterAttempts: attempts, retryAfter: retryAfter)
                    updates.append((row, .retry(error: reason, nextAttempt: now.addingTimeInterval(wait))))
                    report.retried += 1
                }
            }
        }
        try store.complete(updates)
        if answered || gone != nil {
            breaker.recordSuccess(for: sink.endpoint)
        } else if failed {
            breaker.recordFailure(for: sink.endpoint, now: now)
        }
        return gone
    }

    private func finish(_ report: inout DeliveryReport) throws {
        report.remaining = 0
        for sink in sinks { report.remaining += try store.pendingSummary(sink: sink.name).count }
        if sinks.isEmpty { report.remaining = try store.unassignedCount() }
        let now = clock.now()
        report.openBreakers = sinks.compactMap { sink in
            if case .open = breaker.decision(for: sink.endpoint, now: now) { return sink.endpoint }
            return nil
        }
    }
}
