import Foundation
import Testing
@testable import GibsonHookCore

@Suite struct DelivererTests {
    let clock = ManualClock()
    let outbox = TemporaryOutbox()

    func deliverer(_ sinks: [EventSink], store: OutboxStore, configure: (inout Configuration) -> Void = { _ in }) -> Deliverer {
        var configuration = Configuration()
        configure(&configuration)
        // The injected random always takes the top of the jitter range, so waits are predictable.
        return Deliverer(store: store, sinks: sinks, configuration: configuration, clock: clock, random: { $0 })
    }

    @Test func deliversEverythingInBatchesOfTheSinkSize() throws {
        let store = try outbox.open(clock: clock)
        try store.record((1...5).map { outboxEvent("e\($0)") })
        let sink = ScriptedSink(maxBatchSize: 2)
        let report = try deliverer([sink], store: store).run(deadline: clock.now().addingTimeInterval(20))
        #expect(sink.batches == [["e1", "e2"], ["e3", "e4"], ["e5"]])
        #expect(report.delivered == 5 && report.remaining == 0)
        #expect(try store.list(state: "delivered").count == 5)
    }

    @Test func eventsRecordedBeforeAnySinkAreDeliveredWhenOneIsConfigured() throws {
        let store = try outbox.open(clock: clock)
        try store.record([outboxEvent("early")])
        let none = try deliverer([], store: store).run(deadline: clock.now().addingTimeInterval(1))
        #expect(none.noSinks && none.remaining == 1)
        let sink = ScriptedSink()
        let report = try deliverer([sink], store: store).run(deadline: clock.now().addingTimeInterval(1))
        #expect(sink.sent == ["early"] && report.delivered == 1)
    }

    @Test func sinksOnlyGetEventsTheyAccept() throws {
        let store = try outbox.open(clock: clock)
        try store.record([outboxEvent("plain"), outboxEvent("wf", type: WorkflowRequest.eventType)])
        let temporal = ScriptedSink(name: "temporal")
        temporal.accept = { $0.event.type == WorkflowRequest.eventType }
        let kafka = ScriptedSink(name: "kafka")
        _ = try deliverer([kafka, temporal], store: store).run(deadline: clock.now().addingTimeInterval(1))
        #expect(temporal.sent == ["wf"])
        #expect(kafka.sent == ["plain", "wf"])
    }

    @Test func transientFailuresBackOffExponentiallyWithJitter() throws {
        let store = try outbox.open(clock: clock)
        try store.record([outboxEvent("e1")])
        let sink = ScriptedSink()
        sink.respond = { _, attempt in attempt < 4 ? .retry(reason: "503", retryAfter: nil) : .delivered }
        let report = try deliverer([sink], store: store).run(deadline: clock.now().addingTimeInterval(20))
        // base 200 ms, doubling: waits of 0.2, 0.4 and 0.8 s before attempts 2, 3 and 4.
        #expect(clock.slept.map { ($0 * 1000).rounded() } == [200, 400, 800])
        #expect(report.delivered == 1 && report.retried == 3)
    }

    @Test func retryAfterWinsWhenLongerThanTheBackoff() throws {
        let store = try outbox.open(clock: clock)
        try store.record([outboxEvent("e1")])
        let sink = ScriptedSink()
        sink.respond = { _, attempt in attempt == 1 ? .retry(reason: "429", retryAfter: 7) : .delivered }
        _ = try deliverer([sink], store: store).run(deadline: clock.now().addingTimeInterval(20))
        #expect(clock.slept.map { $0.rounded() } == [7])
        #expect(sink.sent == ["e1", "e1"])
    }

    @Test func whatIsNotDeliveredByTheDeadlineStaysPending() throws {
        let store = try outbox.open(clock: clock)
        try store.record([outboxEvent("e1")])
        let sink = ScriptedSink()
        sink.respond = { _, _ in .retry(reason: "429", retryAfter: 60) }
        let report = try deliverer([sink], store: store).run(deadline: clock.now().addingTimeInterval(5))
        #expect(sink.sent == ["e1"] && clock.slept.isEmpty)
        #expect(report.remaining == 1)
        let row = try #require(try store.list().first)
        #expect(row.state == "pending" && row.attempts == 1 && row.lastError == "429")
    }

    @Test func permanentFailuresBecomeDeadLettersWithTheServersReason() throws {
        let store = try outbox.open(clock: clock)
        try store.record([outboxEvent("bad"), outboxEvent("good", key: "other")])
        let sink = ScriptedSink()
        sink.respond = { event, _ in event.event.id == "bad" ? .permanent(reason: "422 unknown field") : .delivered }
        let report = try deliverer([sink], store: store).run(deadline: clock.now().addingTimeInterval(5))
        #expect(report.dead == 1 && report.delivered == 1 && report.remaining == 0)
        #expect(try store.list(state: "dead").map(\.lastError) == ["422 unknown field"])
    }

    @Test func exhaustedAttemptsBecomeDeadLetters() throws {
        let store = try outbox.open(clock: clock)
        try store.record([outboxEvent("e1")])
        let sink = ScriptedSink()
        sink.respond = { _, _ in .retry(reason: "500", retryAfter: nil) }
        let report = try deliverer([sink], store: store) { $0.outbox.maxAttempts = 3; $0.delivery.breakerFailureThreshold = 100 }
            .run(deadline: clock.now().addingTimeInterval(60))
        #expect(sink.sent.count == 3 && report.dead == 1)
        #expect(try store.list(state: "dead").first?.lastError == "gave up after 3 attempts: 500")
    }

    @Test func laterEventsOfAKeyWaitForEarlierOnes() throws {
        let store = try outbox.open(clock: clock)
        try store.record([outboxEvent("a1", key: "A"), outboxEvent("a2", key: "A"), outboxEvent("b1", key: "B")])
        let sink = ScriptedSink(maxBatchSize: 1)
        sink.respond = { event, attempt in event.event.id == "a1" && attempt == 1 ? .retry(reason: "503", retryAfter: nil) : .delivered }
        _ = try deliverer([sink], store: store).run(deadline: clock.now().addingTimeInterval(20))
        #expect(sink.sent == ["a1", "b1", "a1", "a2"])
    }

    @Test func goneSinkKeepsItsEventsPendingAndIsSkippedAfterwards() throws {
        let store = try outbox.open(clock: clock)
        try store.record([outboxEvent("e1")])
        let sink = ScriptedSink(name: "cloudevents")
        sink.respond = { _, _ in .gone(reason: "410 Gone") }
        let first = try deliverer([sink], store: store).run(deadline: clock.now().addingTimeInterval(5))
        #expect(first.goneSinks == ["cloudevents": "410 Gone"] && first.remaining == 1)
        let second = try deliverer([sink], store: store).run(deadline: clock.now().addingTimeInterval(5))
        #expect(sink.batches.count == 1 && second.goneSinks["cloudevents"] == "410 Gone")
        #expect(try store.list().first?.attempts == 0)
        let moved = ScriptedSink(name: "cloudevents", endpoint: "http://127.0.0.1:10")
        #expect(try deliverer([moved], store: store).run(deadline: clock.now().addingTimeInterval(5)).delivered == 1)
    }
}
