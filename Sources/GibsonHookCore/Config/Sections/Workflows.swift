
/// The workflows of the design document, as started over Temporal's HTTP API.
public struct Workflows: Sendable, Equatable {
    public var activation = WorkflowSettings(workflowType: "gibson-activation-workflow")
    public var recovery = WorkflowSettings(workflowType: "gibson-recovery-workflow")
    public var scaling = WorkflowSettings(workflowType: "gibson-scaling-workflow")

    public init() {}
}

/// One workflow.
public struct WorkflowSettings: Sendable, Equatable {
    /// Temporal workflow type name.
    public var workflowType: String
    /// Task queue; nil means `sinks.temporal.taskQueue`.
    public var taskQueue: String? = nil
    /// `workflowExecutionTimeout`.
    public var executionTimeout = DurationValue.minutes(5)
    /// Disabled workflows are neither started remotely nor run locally.
    public var enabled = true

    public init(workflowType: String) { self.workflowType = workflowType }
}
