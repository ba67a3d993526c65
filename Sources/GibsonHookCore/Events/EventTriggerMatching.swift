import Foundation

extension EventTriggerPlan {
    /// The workflow an action starts: `gibson:activate`, `gibson:recovery` and `gibson:scale` name the design
    /// document's three; `workflow:<type>` any other. Nil for anything else.
    public static func workflow(forAction action: String, in workflows: Workflows) -> WorkflowSettings? {
        switch action {
        case "gibson:activate", "gibson:activation": return workflows.activation
        case "gibson:recovery", "gibson:recover": return workflows.recovery
        case "gibson:scale", "gibson:scaling": return workflows.scaling
        case let action where action.hasPrefix("workflow:") && action.count > "workflow:".count:
            return WorkflowSettings(workflowType: String(action.dropFirst("workflow:".count)))
        default: return nil
        }
    }

    /// True for every spelling an action can have, whether or not what it names exists: `gibson:<name>`,
    /// `workflow:<type>`, `run:<name>` and `emit:<topic>` (the configuration file check; names are resolved
    /// against `workflows` and `actions` when the plan is compiled).
    public static func isActionSpelling(_ action: String) -> Bool {
        ["gibson:", "workflow:", "run:", "emit:"].contains { action.hasPrefix($0) && action.count > $0.count }
    }

    /// The conditions of a filter (`key=value|value`, comma-separated), or nil when it is malformed.
    public static func conditions(of filter: String) -> [(key: String, values: [String])]? {
        var conditions: [(key: String, values: [String])] = []
        for clause in filter.split(separator: ",") {
            let parts = clause.split(separator: "=", maxSplits: 1).map { String($0).trimmingCharactersInWhitespace() }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
            conditions.append((parts[0], parts[1].split(separator: "|").map(String.init)))
        }
        return conditions
    }

    /// `run:<name>` and `gibson:<name>` name `actions.<name>` (a defined action wins over the built-in
    /// gibson workflows); `emit:<topic>` republishes; the rest name workflows.
    static func action(of trigger: EventTrigger, workflows: Workflows, actions: [String: ActionSettings])
        throws(EventTriggerError) -> Action
    {
        let spelling = trigger.action
        for prefix in ["run:", "gibson:"] where spelling.hasPrefix(prefix) {
            let name = String(spelling.dropFirst(prefix.count))
            if let settings = actions[name] { return .run(name: name, settings: settings) }
            if prefix == "run:" { throw .unknownAction(trigger: trigger.name, action: spelling) }
        }
        if spelling.hasPrefix("emit:"), spelling.count > "emit:".count {
            return .emit(topic: String(spelling.dropFirst("emit:".count)))
        }
        guard let workflow = workflow(forAction: spelling, in: workflows) else {
            throw .unknownAction(trigger: trigger.name, action: spelling)
        }
        return .workflow(workflow)
    }

    /// The design document's source spellings: events received from a source (`kafka:message`), or the
    /// events the Temporal and Docker sources make.
    static let sourceSpellings: [String: (origin: String?, type: String)] = [
        "kafka:message": ("kafka", "*"),
        "webhook:event": ("webhook", "*"),
        "temporal:workflow:start": (nil, "ai.gibson.hook.temporal.workflow.start"),
        "docker:container:start": (nil, "ai.gibson.hook.docker.container.start"),
        "docker:container:stop": (nil, "ai.gibson.hook.docker.container.stop"),
    ]

    static func compile(_ trigger: EventTrigger, workflows: Workflows, actions: [String: ActionSettings])
        throws(EventTriggerError) -> Rule
    {
        let action = try action(of: trigger, workflows: workflows, actions: actions)
        guard let conditions = conditions(of: trigger.filter ?? "") else {
            throw .invalidFilter(trigger: trigger.name, filter: trigger.filter ?? "")
        }
        if let spelling = sourceSpellings[trigger.event] {
            return Rule(name: trigger.name, typePattern: spelling.type, origin: spelling.origin, conditions: conditions,
                        action: action, topic: trigger.topic)
        }
        var pattern = trigger.event.replacingColons()
        if pattern != "*" && !pattern.hasSuffix("*") { pattern = EventFamily.expand(type: pattern) }
        return Rule(name: trigger.name, typePattern: pattern, origin: nil, conditions: conditions, action: action,
                    topic: trigger.topic)
    }

    static func matches(type: String, pattern: String) -> Bool {
        if pattern == "*" { return true }
        if pattern.hasSuffix("*") { return type.hasPrefix(String(pattern.dropLast())) }
        return type == pattern
    }

    static func holds(_ condition: (key: String, values: [String]), in event: CloudEvent) -> Bool {
        let value: JSONValue?
        switch condition.key {
        case "type": value = .string(event.type)
        case "source": value = .string(event.source)
        case "subject": value = event.subject.map(JSONValue.string)
        default: value = lookup(condition.key, in: event.data) ?? event.extensions[condition.key]
        }
        guard let value else { return false }
        return texts(of: value).contains { condition.values.contains($0) }
    }

    /// A dotted path into `data`.
    static func lookup(_ path: String, in data: JSONValue?) -> JSONValue? {
        var current = data
        for member in path.split(separator: ".") { current = current?[String(member)] }
        return current
    }

    /// The strings a value can match: itself, or for arrays each element and each element's `name`.
    static func texts(of value: JSONValue) -> [String] {
        switch value {
        case .string(let text): return [text]
        case .array(let items):
            return items.flatMap { item in texts(of: item) + (item["name"].map(texts(of:)) ?? []) }
        case .object: return []
        default: return [value.serialized()]
        }
    }

    /// The id of the effect `trigger` has for `event` (workflow id, republished copy's id, action run id):
    /// `<prefix>-<trigger>-<event id>-<hash>`, where the readable part keeps only characters Temporal and
    /// file names accept (others become `-`, the event id is cut to 40) and the hash is the first 16 hex
    /// digits of SHA-256 over the event's source, id and the trigger, so events from different sources, or
    /// whose ids differ only in replaced characters (`a/b`, `a:b`), never share an effect.
    static func effectId(prefix: String, trigger: String, event: CloudEvent) -> String {
        let safe = { (text: Substring) in
            String(text.unicodeScalars.map { scalar -> Character in
                let allowed = scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                    || scalar == "." || scalar == "_" || scalar == "-")
                return allowed ? Character(scalar) : "-"
            })
        }
        let identity = event.source + "\u{0}" + event.id + "\u{0}" + trigger
        let hash = SHA256.hex(Data(identity.utf8)).prefix(16)
        return prefix + "-" + safe(trigger.prefix(64)) + "-" + safe(event.id.prefix(40)) + "-" + hash
    }
}

extension String {
    fileprivate func replacingColons() -> String {
        String(map { $0 == ":" ? "." : $0 })
    }
}

/// Why an event trigger cannot be used.
public enum EventTriggerError: Error, Equatable, CustomStringConvertible {
    /// The action is not a gibson workflow, `workflow:<type>`, `emit:<topic>`, or a defined action.
    case unknownAction(trigger: String, action: String)
    /// The filter is not a comma-separated list of `key=value|value` conditions.
    case invalidFilter(trigger: String, filter: String)

    public var description: String {
        switch self {
        case .unknownAction(let trigger, let action):
            return "event trigger '\(trigger)': unknown action '\(action)': use gibson:activate, gibson:recovery, gibson:scale, workflow:<type>, emit:<topic>, or define actions.<name> for run:<name> and gibson:<name>"
        case .invalidFilter(let trigger, let filter):
            return "event trigger '\(trigger)': filter '\(filter)' is not a list of key=value|value conditions"
        }
    }
}
