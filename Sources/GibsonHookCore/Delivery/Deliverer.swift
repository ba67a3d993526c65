import Foundation

/// Delivers pending outbox rows to sinks until everything is delivered or the deadline passes.
///
/// Per sink: batches of up to `maxBatchSize`, oldest first, never a later event of a key while an earlier
/// one is waiting (see `OutboxStore.claim`); transient failures back off with full jitter (or the server's
/// `Retry-After` when longer); permanent failures and exhausted attempts become dead letters; `410 Gone`
/// marks the sink gone and leaves its events pending; a per-endpoint circuit breaker skips dead endpoints.
public final class Deliverer {
    let store: OutboxStore
    private let sinks: [EventSink]
    let clock: WallClock
    let maxAttempts: Int
    private let retention: Double
    private let requestTimeout: Double
    let backoff: Backoff
    let breaker: CircuitBreaker
    private let progress: ((DeliveryReport) -> Void)?
    let owner = OutboxStore.leaseOwner()

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
        // Outcomes are stored after every request, so they are committed without waiting for the disk (WAL
        // with synchronous=NORMAL survives a killed process; a power loss may undo the last outcomes, which
        // only re-sends those events: a duplicate, never a loss). Events themselves are still written FULL.
        try store.database.execute("PRAGMA synchronous=NORMAL")
        defer { try? store.database.execute("PRAGMA synchronous=FULL") }
        try store.prune(deliveredBefore: clock.now().addingTimeInterval(-retention))
        var active: [EventSink] = []
        // Slow set-up (the Kafka producer's connection and id) runs while the outbox assigns the events.
        // Not for a sink whose breaker is open or that asked for a pause: it would connect for nothing.
        let now = clock.now()
        for sink in sinks where store.value(for: Self.goneKey(sink)) == nil && pausedUntil(sink.endpoint, now: now) == nil {
            if case .open = breaker.decision(for: sink.endpoint, now: now) { continue }
            if try store.mayHaveWork(for: sink) { sink.prepare(deadline: deadline) }
        }
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

    /// The `state` key holding the time until which `endpoint` asked (Retry-After) not to be sent anything.
    static func pauseKey(_ endpoint: String) -> String { "pause." + endpoint }

    private func pausedUntil(_ endpoint: String, now: Date) -> Date? {
        guard let text = store.value(for: Self.pauseKey(endpoint)), let until = Double(text), until > now.timeIntervalSince1970
        else { return nil }
        return Date(timeIntervalSince1970: until)
    }

    /// Seconds a sink's lease outlasts its longest delivery (a killed action's exit, the settle write).
    static let leaseGrace = 30.0

    private func deliverOnce(to sink: EventSink, deadline: Date, report: inout DeliveryReport) throws -> Step {
        let now = clock.now()
        if let until = pausedUntil(sink.endpoint, now: now) { return .idle(next: until) }
        var limit = max(1, sink.maxBatchSize)
        let decision = breaker.decision(for: sink.endpoint, now: now)
        if case .open(let until) = decision { return .idle(next: until) }
        if decision == .halfOpen { limit = 1 }
        // Until the deadline and a request past it, or, for a sink that runs past deadlines (actions), its
        // longest run and a grace: another flush never takes events whose delivery is still under way.
        var leaseUntil = max(deadline, now).addingTimeInterval(requestTimeout + 5)
        if let longest = sink.longestDelivery { leaseUntil = max(leaseUntil, now.addingTimeInterval(longest + Self.leaseGrace)) }
        let batch = try store.claim(
            sink: sink.name, limit: limit, owner: owner, leaseUntil: leaseUntil, parse: sink.readsEventAttributes)
        if batch.isEmpty { return .idle(next: try store.pendingSummary(sink: sink.name).nextDue) }
        if decision == .halfOpen { breaker.beginProbe(for: sink.endpoint, now: now) }
        var settled = [Bool](repeating: false, count: batch.count)
        var gone: String?
        var failure: Error?
        var pause: Date?
        // Each request's outcome is stored as soon as it is known: a crash re-sends at most one request.
        sink.deliver(batch.map(\.outbound), deadline: deadline) { indices, outcomes in
            do {
                let rows = indices.map { batch[$0] }
                let result = try record(outcomes, for: rows, sink: sink, report: &report)
                for index in indices { settled[index] = true }
                gone = gone ?? result.gone
                pause = result.pause
                // After Retry-After, no answer, an opened breaker or the deadline, the rest of the batch waits.
                return result.gone == nil && result.pause == nil && result.answered && !result.breakerOpen
                    && clock.now() < deadline
            } catch {
                failure = error
                return false
            }
        }
        let unsent = batch.indices.filter { !settled[$0] }.map { (batch[$0], DeliveryUpdate.postpone(error: nil, nextAttempt: pause ?? now)) }
        if !unsent.isEmpty { try store.complete(unsent) }
        if let failure { throw failure }
        progress?(report)
        if let gone {
            store.setValue(gone, for: Self.goneKey(sink))
            report.goneSinks[sink.name] = gone
            return .gone
        }
        return .worked
    }

    private func finish(_ report: inout DeliveryReport) throws {
        report.remaining = 0
        for sink in sinks {
            let pending = try store.pendingSummary(sink: sink.name).count
            report.remaining += pending
            if pending > 0, let problem = sink.problem { report.sinkProblems[sink.name] = SinkSecrets.redact(problem, secrets: sink.secrets) }
        }
        if sinks.isEmpty { report.remaining = try store.unassignedCount() }
        let now = clock.now()
        report.openBreakers = sinks.compactMap { sink in
            if case .open = breaker.decision(for: sink.endpoint, now: now) { return sink.endpoint }
            return nil
        }
        report.deadLetters = try store.deadCount(sinks: sinks.isEmpty ? nil : sinks.map(\.name))
        let leased = try store.leasedElsewhere(sinks: sinks.map(\.name), owner: owner)
        (report.leasedElsewhere, report.leaseHolders) = (leased.count, leased.pids)
    }
}
