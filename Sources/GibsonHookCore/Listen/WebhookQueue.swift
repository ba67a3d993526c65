import Foundation

/// What storing a webhook request's events came to.
public enum WebhookVerdict: Sendable, Equatable {
    /// Stored durably: `accepted` new events, `duplicates` already received before.
    case stored(accepted: Int, duplicates: Int)
    /// Storing failed; the sender should retry.
    case failed(String)
}

/// One request's events waiting for the listen loop, and the answer it waits for.
public final class WebhookJob: @unchecked Sendable {
    /// The events of the request, in order.
    public let events: [CloudEvent]
    private let done = DispatchSemaphore(value: 0)
    private var verdict: WebhookVerdict?

    init(events: [CloudEvent]) { self.events = events }

    /// Called once by the listen loop after the events are stored (or storing failed).
    public func finish(_ verdict: WebhookVerdict) {
        self.verdict = verdict
        done.signal()
    }

    /// Waits up to `seconds` for `finish`; nil when it did not come.
    func wait(seconds: Double) -> WebhookVerdict? {
        done.wait(timeout: .now() + seconds) == .success ? verdict : nil
    }
}

/// The bounded queue between the webhook's connections and the listen loop: a request that finds it full is
/// answered 503 with Retry-After at once, so a flood never grows memory or hides events.
public final class WebhookQueue: @unchecked Sendable {
    /// The most jobs waiting.
    public let limit: Int
    private let condition = NSCondition()
    private var jobs: [WebhookJob] = []
    private var closed = false

    public init(limit: Int) { self.limit = max(1, limit) }

    /// Takes no more jobs (listen is stopping); those queued can still be taken.
    func close() {
        condition.lock()
        closed = true
        condition.unlock()
    }

    /// True once `close` was called.
    var isClosed: Bool {
        condition.lock()
        defer { condition.unlock() }
        return closed
    }

    /// Adds `job` unless the queue is full or closed.
    func offer(_ job: WebhookJob) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard jobs.count < limit, !closed else { return false }
        jobs.append(job)
        condition.signal()
        return true
    }

    /// The oldest job, waiting up to `seconds` for one.
    public func take(waiting seconds: Double) -> WebhookJob? {
        condition.lock()
        defer { condition.unlock() }
        let until = Date().addingTimeInterval(seconds)
        while jobs.isEmpty {
            if !condition.wait(until: until) { break }
        }
        return jobs.isEmpty ? nil : jobs.removeFirst()
    }

    /// Jobs waiting now (the webhook source's lag).
    public var depth: Int {
        condition.lock()
        defer { condition.unlock() }
        return jobs.count
    }
}
