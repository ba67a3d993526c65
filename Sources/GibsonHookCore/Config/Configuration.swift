/// The effective configuration of gibson-hook: built-in defaults overlaid by the user file, the repository
/// files, `GIBSON_HOOK_*` variables and command-line flags (see `ConfigLoader`).
///
/// Vocabulary follows the design document (restartPolicy, maxRetries, healthCheckInterval, eventTriggers,
/// the gibson-events / project-events / ai-events / system-events topics and the three workflows).
/// `Configuration()` is the embedded default: no server, local outbox, local recovery.
public struct Configuration: Sendable, Equatable {
    /// The monitored Gibson CLI.
    public var gibson = GibsonTarget()
    /// Infrastructure services probed by `infra-ready` and `validate`.
    public var infrastructure = Infrastructure()
    /// Where events go. With none configured, events wait in the outbox.
    public var sinks = Sinks()
    /// Kafka topics by name, with the design document's partitions, replication and retention.
    public var topics: [String: TopicSettings] = TopicSettings.designDefaults
    /// Event family → topic. Keys: `gibson`, `project`, `ai`, `system`, `commit`.
    public var routing: [String: String] = [
        "gibson": "gibson-events", "project": "project-events", "ai": "ai-events",
        "system": "system-events", "commit": "project-events",
    ]
    /// Rules that start an action when an event matches.
    public var eventTriggers: [EventTrigger] = []
    /// The Temporal workflows of the design document.
    public var workflows = Workflows()
    /// The durable local outbox.
    public var outbox = OutboxSettings()
    /// Retry, deadline and circuit-breaker settings shared by every sink.
    public var delivery = DeliverySettings()
    /// Per-hook behaviour.
    public var hooks = HookSettings()
    /// The Gibson project this repository belongs to and how events are keyed.
    public var project = ProjectSettings()
    /// Sources of `gibson-hook listen` (see `ListenSettings`).
    public var listen = ListenSettings()
    /// Named commands event triggers run (`run:<name>`, `gibson:<name>`).
    public var actions: [String: ActionSettings] = [:]

    /// The embedded defaults.
    public init() {}
}
