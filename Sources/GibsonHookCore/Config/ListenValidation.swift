/// Cross-key checks of `listen`, `actions` and the triggers that name them: `run:<name>` and
/// `gibson:<name>` must name a defined action (or, for `gibson:`, one of the design document's workflows),
/// every action needs a command, and a `tokenEnv` without `token` must name a variable.
enum ListenValidation {
    static func validate(_ configuration: Configuration, context: inout DecodeContext) {
        let defined = configuration.actions.keys.sorted()
        for (index, trigger) in configuration.eventTriggers.enumerated() {
            let key = "eventTriggers[\(index)].action"
            guard EventTriggerPlan.isActionSpelling(trigger.action),
                case .unknownAction? = EventTriggerPlan.problems(
                    in: [trigger], workflows: configuration.workflows, actions: configuration.actions).first
            else { continue }
            let known = defined.isEmpty ? "no action is defined under 'actions'" : "defined actions: " + defined.joined(separator: ", ")
            report("invalid value '\(ConfigQuote.text(trigger.action))' for '\(key)': expected gibson:activate, gibson:recovery, "
                + "gibson:scale, workflow:<type>, emit:<topic>, or run:<name>/gibson:<name> of an action (\(known))",
                key: key, &context)
        }
        let listen = configuration.listen
        if !listen.kafka.topics.isEmpty && configuration.sinks.kafka.brokers.isEmpty {
            report("'listen.kafka.topics' needs 'sinks.kafka.brokers' (GIBSON_HOOK_KAFKA_BROKERS): the consumer reads from them",
                   key: "listen.kafka.topics", &context)
        }
        if !listen.temporal.workflowTypes.isEmpty && (configuration.sinks.temporal.url ?? "").isEmpty {
            report("'listen.temporal.workflowTypes' needs 'sinks.temporal.url' (GIBSON_HOOK_TEMPORAL_URL): the starts are read there",
                   key: "listen.temporal.workflowTypes", &context)
        }
        for name in defined where configuration.actions[name]?.command.isEmpty ?? true {
            report("action '\(name)' has no command: set 'actions.\(name).command' to an argv list", key: "actions.\(name)", &context)
        }
    }

    private static func report(_ message: String, key: String, _ context: inout DecodeContext) {
        guard !context.diagnostics.contains(where: { $0.severity == .error && ($0.key ?? "").hasPrefix(key) }) else { return }
        let place = context.laterChecked[key] ?? context.origins[key] ?? context.origins.first { $0.key.hasPrefix(key) }?.value ?? .defaultValue
        context.error(message, at: place, key: key)
    }
}
