/// The configured `eventTriggers`, compiled: which stored events start which workflow.
///
/// A trigger fires when an event's type matches `event` and every condition of `filter` holds; its action
/// becomes a workflow start request recorded in the outbox in the same transaction as the event, so it is
/// delivered to Temporal like any other event (and only once: its workflow id is derived from the event).
///
/// - `event`: `*`, a CloudEvents type, a type prefix ending in `*` (`ai.gibson.hook.gibson.*`), or a short
///   form (`gibson.health-check`, or the design document's colon spelling `gibson:health-check`).
/// - `filter`: comma-separated `key=value|value` conditions. `key` is `type`, `source`, `subject`, an
///   extension attribute, or a dotted path into the event data (`serviceStatus`, `metadata.ci.provider`).
///   An array value matches when any element (or any element's `name`) matches.
/// - `action`: `gibson:activate`, `gibson:recovery`, `gibson:scale` (the design document's three workflows)
///   or `workflow:<workflow type>`.
public struct EventTriggerPlan: Sendable {
    /// One compiled trigger.
    struct Rule: Sendable {
        let name: String
        let typePattern: String
        let conditions: [(key: String, values: [String])]
        let workflow: WorkflowSettings
        let topic: String?
    }

    let rules: [Rule]

    /// Compiles `triggers`; throws the first invalid one (configuration checks report them all).
    public init(triggers: [EventTrigger], workflows: Workflows) throws(EventTriggerError) {
        rules = try triggers.map { trigger throws(EventTriggerError) in
            try Self.compile(trigger, workflows: workflows)
        }
    }

    /// True when no trigger is configured: the outbox then skips matching altogether.
    public var isEmpty: Bool { rules.isEmpty }

    /// Every problem with `triggers`, for `config check`.
    public static func problems(in triggers: [EventTrigger], workflows: Workflows) -> [EventTriggerError] {
        triggers.compactMap { trigger -> EventTriggerError? in
            do throws(EventTriggerError) {
                _ = try compile(trigger, workflows: workflows)
                return nil
            } catch {
                return error
            }
        }
    }

    /// The workflow start requests `event` triggers, for an event on `topic`. Workflow requests never
    /// trigger anything, so triggers cannot loop.
    public func requests(for event: CloudEvent, topic: String) -> [WorkflowRequest] {
        guard !rules.isEmpty, event.type != WorkflowRequest.eventType else { return [] }
        return rules.compactMap { rule in
            guard rule.workflow.enabled, rule.topic == nil || rule.topic == topic,
                Self.matches(type: event.type, pattern: rule.typePattern),
                rule.conditions.allSatisfy({ Self.holds($0, in: event) })
            else { return nil }
            return WorkflowRequest(
                workflowType: rule.workflow.workflowType,
                workflowId: Self.workflowId(trigger: rule.name, eventId: event.id),
                taskQueue: rule.workflow.taskQueue, input: [event.jsonObject],
                executionTimeout: rule.workflow.executionTimeout)
        }
    }
}
