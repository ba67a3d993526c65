/// A request to run an action's command for one event, carried as the data of an event of type
/// `ActionRun.eventType` so it goes through the outbox like a workflow start: stored with the event that
/// fired it, run by the action runner, retried with backoff and a dead letter (with the command's output)
/// when every attempt failed.
public struct ActionRun: Sendable, Equatable {
    /// CloudEvents type of action runs.
    public static let eventType = "ai.gibson.hook.action.run"

    /// The `actions.<name>` entry.
    public var action: String
    /// The trigger that fired.
    public var trigger: String
    /// argv, never run through a shell.
    public var command: [String]
    /// How long one run may take.
    public var timeout: DurationValue
    /// The event that fired the trigger (its JSON is the run's `GIBSON_EVENT_DATA_FILE`).
    public var event: CloudEvent
    /// The triggers that led to this run, oldest first (passed on so the run's own events cannot loop).
    public var chain: [String]

    public init(
        action: String, trigger: String, command: [String], timeout: DurationValue, event: CloudEvent, chain: [String]
    ) {
        self.action = action
        self.trigger = trigger
        self.command = command
        self.timeout = timeout
        self.event = event
        self.chain = chain
    }

    /// One run per event (source and id) and trigger: `run-<trigger>-<event id>-<hash>` (see
    /// `EventTriggerPlan.effectId`).
    public var runId: String { EventTriggerPlan.effectId(prefix: "run", trigger: trigger, event: event) }

    /// The event data form.
    public var eventData: JSONValue {
        .object([
            "action": .string(action), "trigger": .string(trigger), "command": .array(command.map(JSONValue.string)),
            "timeout": .string(timeout.description), "event": event.jsonObject,
            "chain": .array(chain.map(JSONValue.string)),
        ])
    }

    /// Reads the event data form; nil when a required member is missing.
    public init?(eventData: JSONValue) {
        guard let action = eventData["action"]?.stringValue, let trigger = eventData["trigger"]?.stringValue,
            let command = eventData["command"]?.arrayValue?.compactMap(\.stringValue), !command.isEmpty,
            let timeout = eventData["timeout"]?.stringValue.flatMap(DurationValue.init(parsing:)),
            let object = eventData["event"], let event = try? CloudEvent(jsonObject: object)
        else { return nil }
        self.init(
            action: action, trigger: trigger, command: command, timeout: timeout, event: event,
            chain: eventData["chain"]?.arrayValue?.compactMap(\.stringValue) ?? [])
    }
}
