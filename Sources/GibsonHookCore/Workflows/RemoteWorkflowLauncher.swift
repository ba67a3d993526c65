import Foundation

/// Where a workflow ran.
public enum WorkflowRoute: Sendable, Equatable {
    /// The remote engine accepted it.
    case remote(runId: String?)
    /// The local fallback ran it; the reason says why the remote engine was not used.
    case local(reason: String)
}

/// Remote first: asks the `WorkflowStarter` (the outbox and Temporal sink) to start a request, and says
/// when the local fallback must run instead.
public struct RemoteWorkflowLauncher {
    /// The starter; nil when none is wired.
    public let starter: (any WorkflowStarter)?
    /// The configuration (is Temporal configured at all?).
    public let configuration: Configuration

    /// Creates a launcher.
    public init(starter: (any WorkflowStarter)?, configuration: Configuration) {
        self.starter = starter
        self.configuration = configuration
    }

    /// `.remote` when the engine took `request`, else `.local` with the reason.
    public func launch(_ request: WorkflowRequest, deadline: Date) -> WorkflowRoute {
        guard configuration.sinks.temporal.url != nil else {
            return .local(reason: "temporal is not configured (set GIBSON_HOOK_TEMPORAL_URL to use the remote engine)")
        }
        guard let starter else { return .local(reason: "no workflow starter is available") }
        switch starter.start(request, deadline: deadline) {
        case .started(let runId): return .remote(runId: runId)
        case .unavailable(let reason): return .local(reason: "temporal is unavailable: \(reason)")
        case .rejected(let reason): return .local(reason: "temporal rejected the start: \(reason)")
        }
    }
}
