import Foundation

/// What `listen` did, reported when it stops.
public struct ListenReport: Sendable {
    /// Events received and stored for the first time.
    public var received = 0
    /// Events received again (same source and id): nothing stored or fired.
    public var duplicates = 0
    /// Events the triggers stored (workflow starts, republished copies, action runs).
    public var effects = 0
    /// Kafka records skipped because they hold no CloudEvent.
    public var rejected = 0
    /// Triggers skipped because they would have fired on their own events.
    public var loops: [TriggerLoop] = []
    /// Delivery over the whole run (actions run, workflows started, events sent): `delivered`, `retried`
    /// and `dead` summed over every pass, the rest (remaining, dead letters waiting) from the last one.
    public var delivery: DeliveryReport?

    /// Adds one delivery pass.
    mutating func add(_ pass: DeliveryReport) {
        var total = pass
        total.delivered += delivery?.delivered ?? 0
        total.retried += delivery?.retried ?? 0
        total.dead += delivery?.dead ?? 0
        total.unanswered += delivery?.unanswered ?? 0
        delivery = total
    }

    public init() {}

    /// The JSON form of `listen --json`'s summary line.
    public var jsonValue: JSONValue {
        var members: [String: JSONValue] = [
            "received": .integer(Int64(received)), "duplicates": .integer(Int64(duplicates)),
            "effects": .integer(Int64(effects)), "rejected": .integer(Int64(rejected)),
            "loops": .array(loops.map { .object(["trigger": .string($0.trigger), "eventId": .string($0.eventId)]) }),
        ]
        if let delivery { members["delivery"] = delivery.jsonValue }
        return .object(members)
    }
}

/// The listen loop: takes the webhook's requests from its queue and the Kafka source's batches, records
/// each request's or batch's events with their trigger effects in one transaction before the request is
/// answered or the offsets committed, and in between delivers what the triggers stored (runs actions,
/// starts workflows, republishes), with the outbox's retries.
final class Listener {
    let store: OutboxStore
    let queue: WebhookQueue?
    let kafka: KafkaSource?
    let docker: DockerSource?
    let temporal: TemporalSource?
    /// The polled sources' steps, Docker first.
    private var pollers: [(OutboxStore, Date) throws -> [ReceiveOutcome]?] {
        [docker.map { source in { try source.step(store: $0, now: $1) } }, temporal.map { source in { try source.step(store: $0, now: $1) } }]
            .compactMap { $0 }
    }
    let deliver: (_ seconds: Double) throws -> DeliveryReport
    let clock: any WallClock
    /// With `once`, how long the Kafka source may go without catching up before `listen` gives up.
    static let kafkaPatience = 60.0
    /// Called once when the loop ends, before the final delivery: the webhook stops accepting connections.
    var stopAccepting: () -> Void = {}

    init(store: OutboxStore, queue: WebhookQueue?, kafka: KafkaSource?, docker: DockerSource?, temporal: TemporalSource?,
         clock: any WallClock, deliver: @escaping (_ seconds: Double) throws -> DeliveryReport) {
        self.temporal = temporal
        self.store = store
        self.queue = queue
        self.kafka = kafka
        self.docker = docker
        self.clock = clock
        self.deliver = deliver
    }

    /// Runs until `shouldStop` answers true, or with `once` until the Kafka source has caught up and no
    /// request came for `idle` seconds; then delivers for up to `finalDeadline` seconds. `heard` is told about
    /// each event, `loop` about each trigger loop, `warning` about records skipped and consumer errors.
    func run(
        once: Bool, idle: Double, finalDeadline: Double, shouldStop: () -> Bool,
        heard: (ReceiveOutcome) -> Void, loop: (TriggerLoop) -> Void, warning: (String) -> Void
    ) throws -> ListenReport {
        var report = ListenReport()
        var lastActivity = clock.now()
        var undelivered = false
        var lastDelivery = Date.distantPast
        while !shouldStop() {
            if let queue, let job = queue.take(waiting: kafka == nil ? 0.2 : 0) {
                do {
                    let outcomes = try store.receive(job.events, topic: "", origin: "webhook")
                    let duplicates = outcomes.filter(\.duplicate).count
                    job.finish(.stored(accepted: outcomes.count - duplicates, duplicates: duplicates))
                    account(outcomes, into: &report, heard: heard, loop: loop, warning: warning)
                    undelivered = undelivered || outcomes.contains { $0.effects > 0 }
                } catch {
                    job.finish(.failed("\(error)"))
                    throw error
                }
                lastActivity = clock.now()
                continue
            }
            if let kafka {
                let step = try kafka.step(store: store, milliseconds: queue == nil ? 200 : 50)
                if let problem = step.error { warning("kafka: \(problem)") }
                for record in step.rejected { warning(record.description) }
                if !step.outcomes.isEmpty || !step.rejected.isEmpty {
                    report.rejected += step.rejected.count
                    account(step.outcomes, into: &report, heard: heard, loop: loop, warning: warning)
                    undelivered = undelivered || step.outcomes.contains { $0.effects > 0 }
                    lastActivity = clock.now()
                    continue
                }
            }
            // Docker and Temporal are polled: a daemon or server that is restarting is waited for (the next poll
            // tries again), except with --once, which reports it.
            var polled = false
            for poll in pollers where !polled {
                do {
                    if let outcomes = try poll(store, clock.now()), !outcomes.isEmpty {
                        account(outcomes, into: &report, heard: heard, loop: loop, warning: warning)
                        undelivered = undelivered || outcomes.contains { $0.effects > 0 }
                        lastActivity = clock.now()
                        polled = true
                    }
                } catch let error as ListenError where !once {
                    warning("\(error)")
                }
            }
            if polled { continue }
            if kafka == nil && queue == nil && !once { clock.sleep(seconds: 0.2) }
            // Between requests: deliver what was stored, and retry what is due, about once a second.
            if undelivered || clock.now().timeIntervalSince(lastDelivery) >= 1 {
                recordLag()
                report.add(try deliver(0.5))
                lastDelivery = clock.now()
                undelivered = false
            }
            guard once else { continue }
            let quiet = clock.now().timeIntervalSince(lastActivity)
            if let kafka, !kafka.caughtUp {
                if quiet >= Self.kafkaPatience { throw ListenError.kafkaStalled(kafka.lastError) }
                continue
            }
            if let docker, !docker.caughtUp { continue }
            if let temporal, !temporal.caughtUp { continue }
            if queue == nil || (quiet >= idle && queue?.depth == 0) { break }
        }
        // Stopping: no new connection, no new request queued (a later one is answered 503), and the requests
        // already queued are stored and answered before the final delivery.
        stopAccepting()
        queue?.close()
        while let queue, let job = queue.take(waiting: 0) {
            do {
                let outcomes = try store.receive(job.events, topic: "", origin: "webhook")
                let duplicates = outcomes.filter(\.duplicate).count
                job.finish(.stored(accepted: outcomes.count - duplicates, duplicates: duplicates))
                account(outcomes, into: &report, heard: heard, loop: loop, warning: warning)
            } catch {
                job.finish(.failed("\(error)"))
                while let rest = queue.take(waiting: 0) { rest.finish(.failed("listen is stopping")) }
                throw error
            }
        }
        recordLag()
        report.add(try deliver(finalDeadline))
        return report
    }

    /// The `state` key of the sources' lag that `metrics` reads: `"<kafka lag or -1> <webhook queue depth or -1> <unix time>"`.
    static let lagKey = "listen.lag"

    /// Writes the Kafka consumer lag and the webhook queue depth for `metrics` (a cache: failures ignored).
    private func recordLag() {
        let kafkaLag = kafka.map { $0.lag ?? -1 } ?? -1
        let depth = queue?.depth ?? -1
        store.setValue("\(kafkaLag) \(depth) \(Int(clock.now().timeIntervalSince1970))", for: Self.lagKey)
    }

    private func account(
        _ outcomes: [ReceiveOutcome], into report: inout ListenReport, heard: (ReceiveOutcome) -> Void,
        loop: (TriggerLoop) -> Void, warning: (String) -> Void
    ) {
        for outcome in outcomes {
            if outcome.duplicate { report.duplicates += 1 } else { report.received += 1 }
            report.effects += outcome.effects
            heard(outcome)
        }
        for found in store.triggerLoops { loop(found) }
        report.loops += store.triggerLoops
        store.triggerLoops.removeAll()
        for ignored in store.ignoredEffects { warning(ignored) }
        store.ignoredEffects.removeAll()
    }
}
