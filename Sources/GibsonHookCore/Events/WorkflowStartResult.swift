/// The answer to a remote workflow start.
public enum WorkflowStartResult: Sendable, Equatable {
    /// The engine accepted it (or already had this run: the same incident never starts twice).
    case started(runId: String?)
    /// The engine is not configured, unreachable or its breaker is open: run the local fallback.
    case unavailable(reason: String)
    /// The engine refused the request (bad request, auth): report it, then run the local fallback.
    case rejected(reason: String)
}
