/// The `GIBSON_HOOK_*` variables that set configuration keys: a documented interface.
public enum ConfigEnvironmentVariables {
    /// Variable name → dotted key, in the order they apply (later wins on the same key).
    public static let keys: [(variable: String, key: String)] = [
        ("GIBSON_HOOK_GIBSON", "gibson.command"),
        ("GIBSON_HOOK_KAFKA_REST_URL", "sinks.kafka.url"),
        ("GIBSON_HOOK_KAFKA_REST_API", "sinks.kafka.api"),
        ("GIBSON_HOOK_KAFKA_BROKERS", "sinks.kafka.brokers"),
        ("GIBSON_HOOK_CLOUDEVENTS_URL", "sinks.cloudEvents.url"),
        ("GIBSON_HOOK_TEMPORAL_URL", "sinks.temporal.url"),
        ("GIBSON_HOOK_TEMPORAL_NAMESPACE", "sinks.temporal.namespace"),
        ("GIBSON_HOOK_TEMPORAL_TASK_QUEUE", "sinks.temporal.taskQueue"),
        ("GIBSONAI_PROJECT", "project.id"),
    ]

    /// Every variable gibson-hook reads, with what it does (the man page's ENVIRONMENT section and
    /// `docs/configuration.md` list the same names).
    public static let documented: [String] = [
        "GIBSON_HOOK", "GIBSON_HOOK_CONFIG", "GIBSON_HOOK_STATE_DIR",
    ] + keys.map(\.variable) + ["GIBSON_HOOK_LIBRDKAFKA", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "NO_COLOR", "CLICOLOR_FORCE"]

    /// The variable that names an explicit configuration file, in place of the user file.
    public static let explicitFile = "GIBSON_HOOK_CONFIG"
}
