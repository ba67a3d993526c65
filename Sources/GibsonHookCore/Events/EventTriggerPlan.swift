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
    /// What a rule does when it fires.
    enum Action: Sendable {
        /// Record a workflow start request.
        case workflow(WorkflowSettings)
        /// Republish the event on a topic.
        case emit(topic: String)
        /// Run `actions.<name>.command`.
        case run(name: String, settings: ActionSettings)
    }

    /// One compiled trigger.
    struct Rule: Sendable {
        let name: String
        let typePattern: String
        /// Set for source spellings such as `kafka:message`: only events received from that source match.
        let origin: String?
        let conditions: [(key: String, values: [String])]
        let action: Action
        let topic: String?
    }

    let rules: [Rule]

    /// Compiles `triggers`; throws the first invalid one (configuration checks report them all).
    public init(
        triggers: [EventTrigger], workflows: Workflows, actions: [String: ActionSettings] = [:]
    ) throws(EventTriggerError) {
        rules = try triggers.map { trigger throws(EventTriggerError) in
            try Self.compile(trigger, workflows: workflows, actions: actions)
        }
    }

    /// True when no trigger is configured: the outbox then skips matching altogether.
    public var isEmpty: Bool { rules.isEmpty }

    /// Every problem with `triggers`, for `config check`.
    public static func problems(
        in triggers: [EventTrigger], workflows: Workflows, actions: [String: ActionSettings] = [:]
    ) -> [EventTriggerError] {
        triggers.compactMap { trigger -> EventTriggerError? in
            do throws(EventTriggerError) {
                _ = try compile(trigger, workflows: workflows, actions: actions)
                return nil
            } catch {
                return error
            }
        }
    }

    /// The workflow start requests `event` triggers, for an event on `topic` (the other effects are left
    /// out; see `effects`). Workflow requests never trigger anything.
    public func requests(for event: CloudEvent, topic: String) -> [WorkflowRequest] {
        effects(for: event, topic: topic).effects.compactMap { effect in
            if case .workflow(let request, _) = effect { return request }
            return nil
        }
    }
}
