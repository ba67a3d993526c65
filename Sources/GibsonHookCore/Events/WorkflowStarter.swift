import Foundation

/// Starts workflows on the remote engine (Temporal over HTTP), through the outbox so a retry never
/// starts a second run.
public protocol WorkflowStarter: AnyObject {
    /// Records the request as an event and tries to deliver it before `deadline`.
    func start(_ request: WorkflowRequest, deadline: Date) -> WorkflowStartResult
}
