import Foundation
@testable import GibsonHookCore

/// A clock tests move by hand; `sleep` advances it instead of blocking.
final class ManualClock: WallClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    private(set) var slept: [Double] = []

    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) { current = start }

    func now() -> Date { lock.withLock { current } }

    func sleep(seconds: Double) {
        lock.withLock {
            slept.append(seconds)
            current = current.addingTimeInterval(max(0, seconds))
        }
    }

    func advance(_ seconds: Double) { lock.withLock { current = current.addingTimeInterval(seconds) } }
}

/// A sink that answers from a script: `respond` decides each event's outcome, and every call is recorded.
final class ScriptedSink: EventSink {
    let name: String
    let endpoint: String
    let maxBatchSize: Int
    var accept: (OutboundEvent) -> Bool = { _ in true }
    /// What the sink answers to `acceptsEveryEvent`.
    var acceptsEvery = false
    var acceptsEveryEvent: Bool { acceptsEvery }
    /// What the sink answers to `readsEventAttributes` (it reads ids lazily either way).
    var readsEvents = true
    var readsEventAttributes: Bool { readsEvents }
    var respond: (OutboundEvent, Int) -> DeliveryOutcome = { _, _ in .delivered }
    /// Time that passes during each delivery call.
    var latency: Double = 0
    let clock: ManualClock?
    private(set) var batches: [[String]] = []
    private(set) var attempts: [String: Int] = [:]

    init(name: String = "fake", endpoint: String = "http://127.0.0.1:9", maxBatchSize: Int = 100, clock: ManualClock? = nil) {
        self.name = name
        self.endpoint = endpoint
        self.maxBatchSize = maxBatchSize
        self.clock = clock
    }

    /// Ids in the order they were sent.
    var sent: [String] { batches.flatMap { $0 } }

    func accepts(_ event: OutboundEvent) -> Bool { accept(event) }

    func deliver(_ batch: [OutboundEvent], deadline: Date) -> [DeliveryOutcome] {
        batches.append(batch.map(\.event.id))
        clock?.advance(latency)
        return batch.map { event in
            attempts[event.event.id, default: 0] += 1
            return respond(event, attempts[event.event.id]!)
        }
    }
}

/// A fresh outbox in a temporary file, removed when the test ends.
final class TemporaryOutbox {
    let directory: URL
    let path: String

    init() {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("gh-outbox-\(UUID().uuidString)")
        path = directory.appendingPathComponent("state/outbox.sqlite3").path
    }

    func open(clock: WallClock) throws -> OutboxStore { try OutboxStore(path: path, clock: clock) }

    deinit { try? FileManager.default.removeItem(at: directory) }
}

/// An event with a chosen id and key.
func outboxEvent(_ id: String, key: String? = "repo", type: String = "ai.gibson.hook.project.updated") -> OutboundEvent {
    OutboundEvent(
        event: CloudEvent(id: id, source: "urn:test", type: type, time: "2027-01-15T08:00:00.000Z", data: ["n": .string(id)]),
        topic: "project-events", key: key)
}
