import Foundation

/// Commits events to the durable outbox. Returns once they are durable, before any network attempt.
/// Implemented by the outbox; health, recovery and hook use-cases depend only on this.
public protocol EventRecorder: AnyObject {
    /// Stores `events` durably, in order; throws when they could not be stored.
    func record(_ events: [OutboundEvent]) throws
}

/// The answer to a remote workflow start.
public enum WorkflowStartResult: Sendable, Equatable {
    /// The engine accepted it (or already had this run: the same incident never starts twice).
    case started(runId: String?)
    /// The engine is not configured, unreachable or its breaker is open: run the local fallback.
    case unavailable(reason: String)
    /// The engine refused the request (bad request, auth): report it, then run the local fallback.
    case rejected(reason: String)
}

/// Starts workflows on the remote engine (Temporal over HTTP), through the outbox so a retry never
/// starts a second run.
public protocol WorkflowStarter: AnyObject {
    /// Records the request as an event and tries to deliver it before `deadline`.
    func start(_ request: WorkflowRequest, deadline: Date) -> WorkflowStartResult
}
