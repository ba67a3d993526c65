import Foundation

/// Starts workflows through the outbox: the request is stored as a `workflow.start` event, then delivered
/// to the sinks that accept it (the Temporal sink) before the deadline. The Temporal sink derives the
/// `requestId` from the event id and treats 409 already-started as success, so a retry never starts a
/// second run of the same (deterministic) workflow id.
public final class OutboxWorkflowStarter: WorkflowStarter {
    private let store: OutboxStore
    private let factory: EventFactory
    private let sinks: [EventSink]
    private let configuration: Configuration
    private let clock: WallClock

    /// A starter recording into `store` and delivering to whichever of `sinks` accept workflow requests.
    public init(store: OutboxStore, factory: EventFactory, sinks: [EventSink], configuration: Configuration, clock: WallClock) {
        self.store = store
        self.factory = factory
        self.sinks = sinks
        self.configuration = configuration
        self.clock = clock
    }

    /// Records `request` and tries to deliver it before `deadline`.
    public func start(_ request: WorkflowRequest, deadline: Date) -> WorkflowStartResult {
        let outbound = factory.workflowStart(request)
        let engines = sinks.filter { $0.accepts(outbound) }
        guard !engines.isEmpty else { return .unavailable(reason: "no workflow engine is configured (sinks.temporal.url)") }
        do {
            try store.record([outbound])
            _ = try Deliverer(store: store, sinks: engines, configuration: configuration, clock: clock).run(deadline: deadline)
            let rows = try store.show(id: outbound.event.id).deliveries.filter { row in engines.contains { $0.name == row.sink } }
            if rows.contains(where: { $0.state == "delivered" }) { return .started(runId: nil) }
            if let dead = rows.first(where: { $0.state == "dead" }) {
                return .rejected(reason: dead.lastError ?? "the workflow engine refused the request")
            }
            let reason = rows.compactMap(\.lastError).first ?? "not delivered before the deadline"
            return .unavailable(reason: reason)
        } catch {
            return .unavailable(reason: "\(error)")
        }
    }
}
