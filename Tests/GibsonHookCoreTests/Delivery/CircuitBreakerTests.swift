import Foundation
import Testing
@testable import GibsonHookCore

@Suite struct CircuitBreakerTests {
    let clock = ManualClock()
    let outbox = TemporaryOutbox()

    @Test func opensAfterFiveFailuresProbesOnceThenCloses() throws {
        let store = try outbox.open(clock: clock)
        try store.record((1...3).map { outboxEvent("e\($0)", key: "k\($0)") })
        let sink = ScriptedSink(maxBatchSize: 10, clock: clock)
        var down = true
        sink.respond = { _, _ in down ? .retry(reason: "connection refused", retryAfter: nil) : .delivered }
        var configuration = Configuration()
        configuration.delivery.backoffCap = .milliseconds(1)
        let deliverer = Deliverer(store: store, sinks: [sink], configuration: configuration, clock: clock, random: { $0 })
        let first = try deliverer.run(deadline: clock.now().addingTimeInterval(10))
        #expect(sink.batches.count == 5)
        #expect(first.openBreakers == [sink.endpoint] && first.remaining == 3)

        // A second short-lived process sees the breaker open and does not wait on the sink.
        let other = Deliverer(store: try outbox.open(clock: clock), sinks: [sink], configuration: configuration, clock: clock, random: { $0 })
        _ = try other.run(deadline: clock.now().addingTimeInterval(10))
        #expect(sink.batches.count == 5)

        clock.advance(31)
        down = false
        let recovered = try deliverer.run(deadline: clock.now().addingTimeInterval(10))
        #expect(sink.batches[5].count == 1, "half-open: one probe")
        #expect(sink.batches.count == 7 && recovered.delivered == 3 && recovered.openBreakers.isEmpty)
    }

    @Test func failedProbeReopensTheBreaker() throws {
        let store = try outbox.open(clock: clock)
        let breaker = CircuitBreaker(cache: store, threshold: 5, recoveryTimeout: 30)
        for _ in 0..<5 { breaker.recordFailure(for: "http://x", now: clock.now()) }
        #expect(breaker.decision(for: "http://x", now: clock.now()) == .open(until: clock.now().addingTimeInterval(30)))
        clock.advance(30)
        #expect(breaker.decision(for: "http://x", now: clock.now()) == .halfOpen)
        breaker.beginProbe(for: "http://x", now: clock.now())
        #expect(breaker.decision(for: "http://x", now: clock.now()) != .halfOpen, "only one probe at a time")
        breaker.recordFailure(for: "http://x", now: clock.now())
        #expect(breaker.decision(for: "http://x", now: clock.now()) == .open(until: clock.now().addingTimeInterval(30)))
        breaker.recordSuccess(for: "http://x")
        #expect(breaker.decision(for: "http://x", now: clock.now()) == .closed)
    }

    @Test func backoffIsFullJitterCappedAndRetryAfterWins() {
        var seen: [Double] = []
        let backoff = Backoff(base: 0.2, cap: 5, random: { seen.append($0); return $0 / 2 })
        #expect(backoff.delay(afterAttempts: 1, retryAfter: nil) == 0.1)
        #expect(backoff.delay(afterAttempts: 10, retryAfter: nil) == 2.5)
        #expect(backoff.delay(afterAttempts: 1, retryAfter: 3) == 3)
        #expect(seen == [0.2, 5, 0.2])
    }
}
