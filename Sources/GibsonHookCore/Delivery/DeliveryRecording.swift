import Foundation

/// What storing one request's outcomes found out about the sink.
struct RecordedOutcomes {
    /// The reason when the sink answered 410 Gone.
    var gone: String?
    /// When the sink asked (Retry-After) not to be sent anything before a time.
    var pause: Date?
    /// False when no event got an HTTP answer (nothing sent, or no status came back).
    var answered = false
    /// True when the sink took or refused an event for good (delivered, permanent, gone): it works.
    var healthy = false
    /// True when this failure opened the endpoint's circuit breaker: send nothing more now.
    var breakerOpen = false
}

extension Deliverer {
    /// Stores the outcome of each row and updates the breaker. Only an answer spends an attempt: rows
    /// that were not sent or got no status stay pending with their attempt count unchanged, so no outage
    /// makes a dead letter; an answered retry counts and after `maxAttempts` answers the row is dead.
    func record(
        _ outcomes: [DeliveryOutcome], for batch: [ClaimedDelivery], sink: EventSink, report: inout DeliveryReport
    ) throws -> RecordedOutcomes {
        let now = clock.now()
        var updates: [(ClaimedDelivery, DeliveryUpdate)] = []
        var result = RecordedOutcomes()
        var failed = false
        // Computed only when some reason is stored: a delivered request needs none.
        let secrets = outcomes.contains(.delivered) && outcomes.allSatisfy({ $0 == .delivered }) ? [] : sink.secrets
        for (index, row) in batch.enumerated() {
            let given = index < outcomes.count ? outcomes[index] : .notSent(reason: "the sink returned no outcome for this event")
            // Servers echo credentials in error bodies: nothing the sink sent is stored or shown.
            let outcome = SinkSecrets.redact(given, secrets: secrets)
            switch outcome {
            case .delivered:
                updates.append((row, .delivered))
                report.delivered += 1
                result.healthy = true
            case .permanent(let reason):
                updates.append((row, .dead(error: reason)))
                report.dead += 1
                result.healthy = true
            case .gone(let reason):
                updates.append((row, .release))
                result.gone = reason
                result.healthy = true
            case .notSent(let reason):
                failed = true
                let wait = backoff.delay(afterAttempts: 1, retryAfter: nil)
                updates.append((row, .postpone(error: reason, nextAttempt: now.addingTimeInterval(wait))))
                report.unanswered += 1
                if reason.hasSuffix(DeliveryOutcome.possibleDuplicateNote) { report.possibleDuplicates += 1 }
            case .retry(let reason, let retryAfter):
                failed = true
                if let retryAfter, retryAfter > 0 {
                    let until = now.addingTimeInterval(retryAfter)
                    result.pause = max(result.pause ?? until, until)
                }
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
            if outcome.answered { result.answered = true }
        }
        // The request is counted in the transaction that stores its outcomes: no extra commit, no lost count.
        try store.complete(updates, request: (sink.name, RequestCode.of(outcomes, status: sink.lastRequestStatus)))
        if let pause = result.pause {
            store.setValue(String(pause.timeIntervalSince1970), for: Self.pauseKey(sink.endpoint))
        }
        if result.healthy {
            breaker.recordSuccess(for: sink.endpoint)
        } else if failed {
            breaker.recordFailure(for: sink.endpoint, now: now)
            if case .open = breaker.decision(for: sink.endpoint, now: now) { result.breakerOpen = true }
        }
        return result
    }
}
