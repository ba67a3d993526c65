/// A request to start (or signal-with-start) a Temporal workflow, carried as the data of an event of type
/// `WorkflowRequest.eventType` so that it goes through the outbox like every other event. The Temporal sink
/// turns it into `StartWorkflowExecution` with `requestId` derived from the event id.
public struct WorkflowRequest: Sendable, Equatable {
    /// CloudEvents type of workflow requests.
    public static let eventType = "ai.gibson.hook.workflow.start"

    /// Temporal workflow type, e.g. `gibson-recovery-workflow`.
    public var workflowType: String
    /// Deterministic id: one run per incident, never containing `/`.
    public var workflowId: String
    /// Task queue; nil means the sink's configured queue.
    public var taskQueue: String?
    /// Workflow arguments, one payload each.
    public var input: [JSONValue]
    /// When set, signal-with-start with this signal name.
    public var signalName: String?
    /// Signal arguments.
    public var signalInput: [JSONValue]
    /// `workflowExecutionTimeout`.
    public var executionTimeout: DurationValue?

    public init(
        workflowType: String, workflowId: String, taskQueue: String? = nil, input: [JSONValue] = [],
        signalName: String? = nil, signalInput: [JSONValue] = [], executionTimeout: DurationValue? = nil
    ) {
        self.workflowType = workflowType
        self.workflowId = workflowId
        self.taskQueue = taskQueue
        self.input = input
        self.signalName = signalName
        self.signalInput = signalInput
        self.executionTimeout = executionTimeout
    }

    /// The event data form.
    public var eventData: JSONValue {
        var members: [String: JSONValue] = [
            "workflowType": .string(workflowType), "workflowId": .string(workflowId), "input": .array(input),
        ]
        if let taskQueue { members["taskQueue"] = .string(taskQueue) }
        if let signalName {
            members["signalName"] = .string(signalName)
            members["signalInput"] = .array(signalInput)
        }
        if let executionTimeout { members["executionTimeout"] = .string(executionTimeout.description) }
        return .object(members)
    }

    /// Reads the event data form; nil when required members are missing.
    public init?(eventData: JSONValue) {
        guard let type = eventData["workflowType"]?.stringValue, !type.isEmpty,
            let id = eventData["workflowId"]?.stringValue, !id.isEmpty
        else { return nil }
        self.init(
            workflowType: type, workflowId: id, taskQueue: eventData["taskQueue"]?.stringValue,
            input: eventData["input"]?.arrayValue ?? [], signalName: eventData["signalName"]?.stringValue,
            signalInput: eventData["signalInput"]?.arrayValue ?? [],
            executionTimeout: eventData["executionTimeout"]?.stringValue.flatMap(DurationValue.init(parsing:)))
    }
}
