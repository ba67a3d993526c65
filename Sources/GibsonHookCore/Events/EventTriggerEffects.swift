/// What one fired trigger asks for; the outbox stores each as an event in the transaction that stores (or
/// receives) the event that fired it.
public enum TriggerEffect: Sendable, Equatable {
    /// Start a workflow (delivered to Temporal). `chain` names the triggers that led here.
    case workflow(WorkflowRequest, chain: [String])
    /// Republish `event` (a copy with its own id) on `topic`.
    case emit(CloudEvent, topic: String)
    /// Run an action's command (delivered by the action runner).
    case run(ActionRun)
}

/// A trigger that did not fire because the event was made by that same trigger (directly or through other
/// triggers): firing would repeat forever.
public struct TriggerLoop: Sendable, Equatable {
    /// The trigger that was skipped.
    public var trigger: String
    /// The event that would have fired it again.
    public var eventId: String
    /// The triggers that made the event, oldest first.
    public var chain: [String]

    /// "event trigger 'NAME' skipped for event 'ID': the event was made by trigger chain A → B (a loop)".
    public var description: String {
        "event trigger '\(trigger)' skipped for event '\(eventId)': the event was made by \(chain.joined(separator: " → ")) (a loop)"
    }
}

extension EventTriggerPlan {
    /// The CloudEvents extension attribute naming the triggers that made an event, comma-separated.
    public static let chainAttribute = "gibsontrigger"

    /// The triggers that made `event` (empty for an event no trigger made).
    public static func chain(of event: CloudEvent) -> [String] {
        guard case .string(let text)? = event.extensions[chainAttribute] else { return [] }
        return text.split(separator: ",").map(String.init)
    }

    /// The effects `event` triggers, for an event on `topic` received from `origin` (`kafka`, `webhook`; nil
    /// for events stored by gibson-hook itself), and the triggers skipped because they made the event.
    public func effects(for event: CloudEvent, topic: String, origin: String? = nil)
        -> (effects: [TriggerEffect], loops: [TriggerLoop])
    {
        guard !rules.isEmpty, event.type != WorkflowRequest.eventType, event.type != ActionRun.eventType else {
            return ([], [])
        }
        let chain = Self.chain(of: event)
        var effects: [TriggerEffect] = []
        var loops: [TriggerLoop] = []
        for rule in rules {
            guard rule.topic == nil || rule.topic == topic, rule.origin == nil || rule.origin == origin,
                Self.matches(type: event.type, pattern: rule.typePattern),
                rule.conditions.allSatisfy({ Self.holds($0, in: event) })
            else { continue }
            if chain.contains(rule.name) {
                loops.append(TriggerLoop(trigger: rule.name, eventId: event.id, chain: chain))
                continue
            }
            let next = chain + [rule.name]
            switch rule.action {
            case .workflow(let workflow):
                guard workflow.enabled else { continue }
                effects.append(.workflow(WorkflowRequest(
                    workflowType: workflow.workflowType,
                    workflowId: Self.effectId(prefix: "trigger", trigger: rule.name, event: event),
                    taskQueue: workflow.taskQueue, input: [event.jsonObject],
                    executionTimeout: workflow.executionTimeout), chain: next))
            case .emit(let target):
                var copy = event
                copy.id = Self.effectId(prefix: "trigger", trigger: rule.name, event: event)
                copy.extensions[Self.chainAttribute] = .string(next.joined(separator: ","))
                effects.append(.emit(copy, topic: target))
            case .run(let name, let settings):
                effects.append(.run(ActionRun(
                    action: name, trigger: rule.name, command: settings.command, timeout: settings.timeout,
                    event: event, chain: next)))
            }
        }
        return (effects, loops)
    }
}
