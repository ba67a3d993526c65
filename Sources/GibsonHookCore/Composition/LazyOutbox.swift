import Foundation

/// The outbox opened on first use and shared by everything one process records or starts through it, so
/// the gate's happy path costs no database open and its recorder and workflow starter use one store.
public final class LazyOutbox: EventRecorder {
    private let open: () throws -> OutboxStore
    private var opened: Result<OutboxStore, any Error>?

    /// An outbox that `open` creates the first time it is needed (a failure is kept, not retried).
    public init(open: @escaping () throws -> OutboxStore) { self.open = open }

    /// The store, opened now if it was not yet.
    public func store() throws -> OutboxStore {
        if opened == nil { opened = Result { try open() } }
        return try opened!.get()
    }

    /// Why the store could not be opened, once an open was tried and failed.
    public var failure: (any Error)? {
        if case .failure(let error) = opened { return error }
        return nil
    }

    /// Records `events` into the store.
    public func record(_ events: [OutboundEvent]) throws { try store().record(events) }
}

/// A `WorkflowStarter` over a `LazyOutbox`: the outbox is opened only when a workflow really starts, and a
/// failure to open it makes the engine unavailable (so recovery falls back to the local steps and says why).
public final class LazyWorkflowStarter: WorkflowStarter {
    private let outbox: LazyOutbox
    private let make: (OutboxStore) -> any WorkflowStarter

    /// A starter that builds its real starter from the outbox's store on first use.
    public init(outbox: LazyOutbox, make: @escaping (OutboxStore) -> any WorkflowStarter) {
        self.outbox = outbox
        self.make = make
    }

    public func start(_ request: WorkflowRequest, deadline: Date) -> WorkflowStartResult {
        do {
            return make(try outbox.store()).start(request, deadline: deadline)
        } catch {
            return .unavailable(reason: "the outbox could not be opened: \(error)")
        }
    }
}
