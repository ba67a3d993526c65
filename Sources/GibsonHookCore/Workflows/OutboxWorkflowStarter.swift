import Foundation

/// The real `WorkflowStarter`: records the start request in the outbox (so it survives a crash and a later
/// `flush` retries it), then delivers pending workflow requests to the Temporal sink until `deadline`, and
/// answers from this request's delivery row. The deterministic workflow id and the request id derived from
/// the event id make a repeated delivery harmless: Temporal answers 409 and the sink counts it delivered.
public final class OutboxWorkflowStarter: WorkflowStarter {
    private let store: OutboxStore
    private let configuration: Configuration
    private let environment: ProcessEnvironment
    private let clock: any WallClock
    private let factory: EventFactory

    /// A starter recording into `store` and delivering with `configuration`'s Temporal settings; `factory` is
    /// the process's event factory (the composition root passes it, so the start carries the process's source).
    public init(
        store: OutboxStore, configuration: Configuration, environment: ProcessEnvironment, clock: any WallClock,
        factory: EventFactory? = nil
    ) {
        self.store = store
        self.configuration = configuration
        self.environment = environment
        self.clock = clock
        self.factory = factory ?? EventFactory(configuration: configuration, hostName: EventStamp.hostName, clock: clock)
    }

    /// Records `request` and tries to deliver it before `deadline`.
    public func start(_ request: WorkflowRequest, deadline: Date) -> WorkflowStartResult {
        let sinks = SinkFactory.makeSinks(configuration: configuration, environment: environment, cache: store)
            .filter { $0.name == "temporal" }
        guard !sinks.isEmpty else { return .unavailable(reason: "temporal is not configured") }
        let event = factory.workflowStart(request)
        do {
            try store.record([event])
            // A down engine fails fast and its breaker opens after a few attempts, so this stays short.
            let report = try Deliverer(store: store, sinks: sinks, configuration: configuration, clock: clock).run(deadline: deadline)
            let row = try store.show(id: event.event.id).deliveries.first { $0.sink == "temporal" }
            switch row?.state {
            case "delivered": return .started(runId: nil)
            case "dead": return .rejected(reason: row?.lastError ?? "the start was refused")
            default:
                if let reason = row?.lastError { return .unavailable(reason: reason) }
                if !report.openBreakers.isEmpty {
                    return .unavailable(reason: "its circuit breaker is open after repeated failures; the start stays in the outbox")
                }
                return .unavailable(reason: "the start was not delivered before the deadline; it stays in the outbox")
            }
        } catch {
            return .unavailable(reason: "the outbox failed: \(error)")
        }
    }
}
