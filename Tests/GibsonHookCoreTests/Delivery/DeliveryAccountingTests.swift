import Foundation
import Testing
@testable import GibsonHookCore

/// A sink that sends one request per event and settles each as soon as it is answered, like the
/// CloudEvents and Temporal sinks; `during` runs after each settle (to look at the outbox mid-batch).
final class SettlingSink: EventSink {
    let name = "settling"
    let endpoint = "http://127.0.0.1:9"
    let maxBatchSize = 100
    var secrets: [String] = []
    var respond: (OutboundEvent) -> DeliveryOutcome = { _ in .delivered }
    var during: () -> Void = {}
    private(set) var sent: [String] = []

    func accepts(_ event: OutboundEvent) -> Bool { true }
    func deliver(_ batch: [OutboundEvent], deadline: Date) -> [DeliveryOutcome] { collectOutcomes(batch, deadline: deadline) }
    func deliver(_ batch: [OutboundEvent], deadline: Date, settle: ([Int], [DeliveryOutcome]) -> Bool) {
        for (index, event) in batch.enumerated() {
            sent.append(event.event.id)
            let keepGoing = settle([index], [respond(event)])
            during()
            if !keepGoing { return }
        }
    }
}

@Suite struct DeliveryAccountingTests {
    let clock = ManualClock()
    let outbox = TemporaryOutbox()

    func deliverer(_ sinks: [EventSink], store: OutboxStore, maxAttempts: Int = 3) -> Deliverer {
        var configuration = Configuration()
        configuration.outbox.maxAttempts = maxAttempts
        return Deliverer(store: store, sinks: sinks, configuration: configuration, clock: clock, random: { $0 })
    }

    @Test func anOutageOfAnyLengthMakesNoDeadLetter() throws {
        let store = try outbox.open(clock: clock)
        try store.record((1...5).map { outboxEvent("e\($0)", key: "k\($0)") })
        let sink = ScriptedSink(clock: clock)
        var down = true
        sink.respond = { _, _ in down ? .notSent(reason: "could not connect to 'http://127.0.0.1:9/': refused") : .delivered }
        // A day of flushes every few minutes, the breaker cycling: far more tries than maxAttempts.
        for _ in 0..<300 {
            let report = try deliverer([sink], store: store).run(deadline: clock.now().addingTimeInterval(20))
            #expect(report.dead == 0 && report.deadLetters == 0)
            clock.advance(300)
        }
        #expect(sink.sent.count > 15)
        let rows = try store.list()
        #expect(rows.map(\.state) == Array(repeating: "pending", count: 5) && rows.map(\.attempts) == [0, 0, 0, 0, 0])
        #expect(rows.first?.lastError == "could not connect to 'http://127.0.0.1:9/': refused")
        down = false
        let back = try deliverer([sink], store: store).run(deadline: clock.now().addingTimeInterval(20))
        #expect(back.delivered == 5 && back.deadLetters == 0 && back.remaining == 0)
    }

    @Test func possiblyPersistedRecordsStayPendingAndAreCountedAsPossibleDuplicates() throws {
        let store = try outbox.open(clock: clock)
        try store.record((1...3).map { outboxEvent("e\($0)", key: "k") })
        let sink = ScriptedSink(clock: clock)
        sink.respond = { event, _ in
            event.event.id == "e2" ? KafkaNativeSink.outcome(error: -192, status: KafkaProducer.possiblyPersisted) : .delivered
        }
        let report = try deliverer([sink], store: store).run(deadline: clock.now().addingTimeInterval(20))
        // Every send of e2 in this run (the run retries it within its deadline) counts once.
        #expect((report.delivered, report.remaining) == (2, 1))
        #expect(report.unanswered >= 1 && report.possibleDuplicates == report.unanswered)
        #expect(report.jsonValue["possibleDuplicates"] == .integer(Int64(report.unanswered)))
        let pending = try store.list().filter { $0.state == "pending" }
        #expect(pending.map(\.attempts) == [0])
        #expect(pending.first?.lastError?.hasSuffix("; " + DeliveryOutcome.possibleDuplicateNote) == true)
    }

    @Test func answeredRetriesStillRunOutOfAttempts() throws {
        let store = try outbox.open(clock: clock)
        try store.record([outboxEvent("e1")])
        let sink = ScriptedSink()
        sink.respond = { _, _ in .retry(reason: "HTTP 500", retryAfter: nil) }
        let report = try deliverer([sink], store: store).run(deadline: clock.now().addingTimeInterval(60))
        #expect(sink.sent.count == 3 && report.dead == 1 && report.deadLetters == 1)
    }

    @Test func everyLaterFlushReportsDeadLettersNotYetDealtWith() throws {
        let store = try outbox.open(clock: clock)
        try store.record([outboxEvent("bad"), outboxEvent("good", key: "other")])
        let sink = ScriptedSink()
        sink.respond = { event, _ in event.event.id == "bad" ? .permanent(reason: "HTTP 422") : .delivered }
        _ = try deliverer([sink], store: store).run(deadline: clock.now().addingTimeInterval(5))
        let later = try deliverer([sink], store: store).run(deadline: clock.now().addingTimeInterval(5))
        #expect(later.dead == 0 && later.deadLetters == 1 && later.remaining == 0)
        #expect(later.jsonValue["dead"] == .integer(1) && later.jsonValue["newDead"] == .integer(0))
        try store.retryAllDead()
        sink.respond = { _, _ in .delivered }
        #expect(try deliverer([sink], store: store).run(deadline: clock.now().addingTimeInterval(5)).deadLetters == 0)
    }

    @Test func eachRequestsOutcomeIsStoredBeforeTheNextRequest() throws {
        let store = try outbox.open(clock: clock)
        try store.record((1...4).map { outboxEvent("e\($0)") })
        let sink = SettlingSink()
        var deliveredSoFar: [Int] = []
        sink.during = { deliveredSoFar.append((try? store.list(state: "delivered").count) ?? -1) }
        _ = try deliverer([sink], store: store).run(deadline: clock.now().addingTimeInterval(5))
        #expect(deliveredSoFar == [1, 2, 3, 4])
    }

    @Test func retryAfterPausesTheRestOfTheBatchAndLaterFlushes() throws {
        let store = try outbox.open(clock: clock)
        try store.record((1...4).map { outboxEvent("e\($0)", key: "k\($0)") })
        let sink = SettlingSink()
        var busy = true
        sink.respond = { _ in busy ? .retry(reason: "HTTP 503", retryAfter: 30) : .delivered }
        let first = try deliverer([sink], store: store).run(deadline: clock.now().addingTimeInterval(5))
        #expect(sink.sent == ["e1"] && first.remaining == 4)
        #expect(try store.list().map(\.attempts) == [1, 0, 0, 0])
        _ = try deliverer([sink], store: store).run(deadline: clock.now().addingTimeInterval(5))
        #expect(sink.sent == ["e1"], "paused until the time Retry-After gave")
        busy = false
        clock.advance(31)
        let after = try deliverer([sink], store: store).run(deadline: clock.now().addingTimeInterval(5))
        #expect(after.delivered == 4 && sink.sent == ["e1", "e1", "e2", "e3", "e4"])
    }

    @Test func theBatchStopsWhenItsFailuresOpenTheBreaker() throws {
        let store = try outbox.open(clock: clock)
        try store.record((1...20).map { outboxEvent("e\($0)", key: "k\($0)") })
        let sink = SettlingSink()
        sink.respond = { _ in .retry(reason: "HTTP 500", retryAfter: nil) }
        let report = try deliverer([sink], store: store, maxAttempts: 10).run(deadline: clock.now().addingTimeInterval(5))
        #expect(sink.sent.count == 5 && report.retried == 5 && report.openBreakers == [sink.endpoint])
        #expect(try store.list().map(\.attempts).reduce(0, +) == 5)
    }

    @Test func rowsLeasedByAnotherRunningFlushAreNamed() throws {
        let store = try outbox.open(clock: clock)
        try store.record((1...3).map { outboxEvent("e\($0)") })
        let sink = ScriptedSink()
        try store.materialize(sink: sink)
        let other = "\(EventStamp.hostName):\(getpid()):42"
        _ = try store.claim(sink: sink.name, limit: 3, owner: other, leaseUntil: clock.now().addingTimeInterval(60))
        let report = try deliverer([sink], store: store).run(deadline: clock.now().addingTimeInterval(1))
        #expect(sink.sent.isEmpty && report.remaining == 3)
        #expect(report.leasedElsewhere == 3 && report.leaseHolders == [Int(getpid())])
    }

    @Test func echoedCredentialsAreRedactedBeforeTheyAreStored() throws {
        let store = try outbox.open(clock: clock)
        try store.record([outboxEvent("e1")])
        let sink = SettlingSink()
        sink.secrets = ["tok-123456789"]
        sink.respond = { _ in
            .permanent(reason: #"HTTP 401: {"got":"Authorization: Bearer tok-123456789","apikey":"q-secret-99"}"#)
        }
        _ = try deliverer([sink], store: store).run(deadline: clock.now().addingTimeInterval(5))
        #expect(try store.list().first?.lastError == #"HTTP 401: {"got":"Authorization: <redacted>","apikey":"<redacted>"}"#)
    }
}

/// A `SettlingSink` that counts `prepare` calls and reports a connection problem of its own.
final class PreparingSink: EventSink {
    let name = "preparing"
    let endpoint = "kafka://127.0.0.1:1"
    let maxBatchSize = 100
    var prepared = 0
    var problem: String? = "127.0.0.1:1/bootstrap: Connect to ipv4#127.0.0.1:1 failed: Connection refused"
    var outcome: DeliveryOutcome = .notSent(reason: "down")

    func accepts(_ event: OutboundEvent) -> Bool { true }
    func prepare(deadline: Date) { prepared += 1 }
    func deliver(_ batch: [OutboundEvent], deadline: Date) -> [DeliveryOutcome] { batch.map { _ in outcome } }
}

@Suite struct SinkPreparationTests {
    let clock = ManualClock()
    let outbox = TemporaryOutbox()

    func run(_ sink: PreparingSink, _ store: OutboxStore) throws -> DeliveryReport {
        try Deliverer(store: store, sinks: [sink], configuration: Configuration(), clock: clock, random: { $0 })
            .run(deadline: clock.now().addingTimeInterval(20))
    }

    @Test func aSinkIsPreparedOnlyWhenTheOutboxMayHoldEventsForIt() throws {
        let store = try outbox.open(clock: clock)
        let sink = PreparingSink()
        _ = try run(sink, store)
        #expect(sink.prepared == 0)
        try store.record([outboxEvent("e1", key: "k")])
        let down = try run(sink, store)  // a new event, not yet assigned
        #expect(sink.prepared == 1 && down.remaining == 1 && down.sinkProblems == ["preparing": sink.problem!])
        clock.advance(300)
        _ = try run(sink, store)  // assigned and pending
        #expect(sink.prepared == 2)
        sink.outcome = .delivered
        clock.advance(300)
        let delivered = try run(sink, store)
        #expect(delivered.remaining == 0 && delivered.sinkProblems.isEmpty)  // nothing pending: no warning
        _ = try run(sink, store)
        #expect(sink.prepared == 3)
    }
}
