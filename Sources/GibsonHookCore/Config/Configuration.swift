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

/// `always` restarts after any stop, `on-failure` only after a failed health check, `never` does not restart.
public enum RestartPolicy: String, Sendable, Equatable, CaseIterable {
    case always
    case onFailure = "on-failure"
    case never
}

/// What the pre-commit gate does when the cached healthy result has expired: `background` passes at once
/// and re-checks Gibson in a detached process; `blocking` probes before the commit goes on.
public enum RevalidateMode: String, Sendable, Equatable, CaseIterable {
    case background
    case blocking
}

/// The Gibson CLI being kept healthy.
public struct GibsonTarget: Sendable, Equatable {
    /// Executable name or path; `GIBSON_HOOK_GIBSON` overrides, else PATH lookup of `gibson`.
    public var command = "gibson"
    /// Start Gibson when infrastructure becomes ready (`infra-ready`).
    public var autoStart = true
    /// What to do when Gibson is found broken.
    public var restartPolicy = RestartPolicy.onFailure
    /// Restart attempts before recovery gives up.
    public var maxRetries = 3
    /// How often `health --watch` (a service unit, a CI job) probes and recovers.
    public var healthCheckInterval = DurationValue.seconds(60)
    /// How long a healthy result is trusted by the pre-commit gate.
    public var cacheTTL = DurationValue.minutes(5)
    /// When the cached healthy result has expired: re-check in the background (pass at once) or block.
    public var revalidate = RevalidateMode.background
    /// Default timeout of one probe. gibson-cli 0.8.12 needs 2.4-3.5 s for any command on a quiet machine and
    /// more than 10 s under load; 30 s fits that and still leaves the gate (45 s) room for its verdict.
    public var timeout = DurationValue.seconds(30)
    /// The probes that together decide health. The default, `gibson help`, starts the real gibson-cli
    /// (its configuration and every command module) and exits 0 without touching the network. Not
    /// `--help` (exits 1 in gibson-cli 0.8.12) and not `--version` (asks PyPI with no timeout, so a
    /// network that hangs hangs the probe).
    public var probes: [ProbeSpec] = [
        ProbeSpec(name: "help", kind: .command, argv: ["help"], exitCodes: [0]),
    ]
    /// How recovery restarts Gibson.
    public var recovery = RecoverySettings()
    /// Gibson's own state directory, backed up before a restart.
    public var stateDirectory = "~/.gibsonai"
    /// Environment variable that holds the Gibson API key (checked by activation).
    public var apiKeyEnv = "GIBSONAI_API_KEY"

    public init() {}
}

/// One health probe.
public struct ProbeSpec: Sendable, Equatable {
    /// The kinds of probe.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// Run a command (argv, no shell); healthy when its exit code is accepted.
        case command
        /// Spawn an MCP server over stdio and complete `initialize` and `tools/list`.
        case mcp
        /// Open a TCP connection.
        case tcp
        /// HTTP GET with an expected status.
        case http
    }

    /// Name shown in reports.
    public var name: String
    /// What kind of probe.
    public var kind: Kind
    /// For `command` and `mcp`: the arguments after the executable. When `executable` is nil the Gibson
    /// command is used.
    public var argv: [String] = []
    /// Optional executable for `command`/`mcp` probes; nil means the target's executable.
    public var executable: String? = nil
    /// Accepted exit codes (`command`).
    public var exitCodes: [Int32] = [0]
    /// Text the output must contain (`command`), if any.
    public var expectOutput: String? = nil
    /// Host and port (`tcp`).
    public var host: String? = nil
    public var port: Int? = nil
    /// URL and expected status (`http`).
    public var url: String? = nil
    public var expectStatus: Int = 200
    /// Timeout; nil means the target's default.
    public var timeout: DurationValue? = nil

    public init(
        name: String, kind: Kind, argv: [String] = [], executable: String? = nil, exitCodes: [Int32] = [0],
        expectOutput: String? = nil, host: String? = nil, port: Int? = nil, url: String? = nil,
        expectStatus: Int = 200, timeout: DurationValue? = nil
    ) {
        self.name = name
        self.kind = kind
        self.argv = argv
        self.executable = executable
        self.exitCodes = exitCodes
        self.expectOutput = expectOutput
        self.host = host
        self.port = port
        self.url = url
        self.expectStatus = expectStatus
        self.timeout = timeout
    }
}

/// How the local fallback of gibson-recovery-workflow restarts Gibson.
public struct RecoverySettings: Sendable, Equatable {
    /// argv that restarts Gibson (for example a service manager call); nil means re-probe only.
    public var restartCommand: [String]? = nil
    /// argv that reinstalls Gibson when restarts do not help (for example `pip install gibson-cli==0.8.12`).
    public var reinstallCommand: [String]? = nil
    /// First delay between restart attempts; doubles each attempt.
    public var backoff = DurationValue.seconds(1)
    /// How long the pre-commit gate waits for recovery (the design document's 30 s recovery target).
    public var wait = DurationValue.seconds(30)
    /// Back up `stateDirectory` before restarting and restore it if verification shows it was lost.
    public var backupState = true

    public init() {}
}

/// The infrastructure around Gibson.
public struct Infrastructure: Sendable, Equatable {
    /// Services probed by `infra-ready` and `validate`; defaults are the design document's five.
    public var services: [ServiceSpec] = [
        ServiceSpec(name: "postgres", host: "127.0.0.1", port: 5432),
        ServiceSpec(name: "neo4j", host: "127.0.0.1", port: 7687),
        ServiceSpec(name: "redis", host: "127.0.0.1", port: 6379),
        ServiceSpec(name: "elasticsearch", host: "127.0.0.1", port: 9200),
        ServiceSpec(name: "ollama", host: "127.0.0.1", port: 11434),
    ]
    /// Timeout of one service probe.
    public var timeout = DurationValue.seconds(2)

    public init() {}
}

/// One infrastructure service: a TCP connect by default, or an HTTP GET when `url` is set.
public struct ServiceSpec: Sendable, Equatable {
    public var name: String
    public var host: String
    public var port: Int
    /// When set, probe with HTTP GET and expect `expectStatus`.
    public var url: String? = nil
    public var expectStatus: Int = 200
    /// A service that is not required does not make `infra-ready` fail.
    public var required = true

    public init(name: String, host: String, port: Int, url: String? = nil, expectStatus: Int = 200, required: Bool = true) {
        self.name = name
        self.host = host
        self.port = port
        self.url = url
        self.expectStatus = expectStatus
        self.required = required
    }
}

/// Authentication for one HTTP endpoint. Secrets are never logged or printed unmasked.
public struct AuthSettings: Sendable, Equatable {
    /// `none`, `bearer` (Authorization: Bearer) or `basic`.
    public enum Kind: String, Sendable, Equatable, CaseIterable { case none, bearer, basic }
    public var kind = Kind.none
    /// Bearer token, or the name of a variable holding it (`tokenEnv` wins when set).
    public var token: String? = nil
    public var tokenEnv: String? = nil
    /// Basic credentials; `passwordEnv` names a variable holding the password.
    public var username: String? = nil
    public var password: String? = nil
    public var passwordEnv: String? = nil

    public init() {}
}

/// TLS for one HTTP endpoint. Verification is always on; a custom CA bundle adds trust.
public struct TLSSettings: Sendable, Equatable {
    /// PEM bundle of CAs to trust instead of the system store.
    public var caFile: String? = nil
    /// Client certificate and key (PEM) for mutual TLS.
    public var certFile: String? = nil
    public var keyFile: String? = nil

    public init() {}
}

/// All configured sinks.
public struct Sinks: Sendable, Equatable {
    public var kafka = KafkaRestSettings()
    public var cloudEvents = CloudEventsSettings()
    public var temporal = TemporalSettings()

    public init() {}
}

/// A Kafka REST proxy (Confluent v2/v3, Redpanda HTTP proxy).
public struct KafkaRestSettings: Sendable, Equatable {
    /// Which REST API dialect the proxy speaks.
    public enum API: String, Sendable, Equatable, CaseIterable {
        /// Confluent v2 `POST /topics/{topic}`.
        case v2
        /// Confluent v3 `POST /v3/clusters/{cluster}/topics/{topic}/records` (streaming form).
        case v3
        /// Redpanda's HTTP proxy: the v2 path with its stricter parser and per-partition replies.
        case redpanda
    }
    /// v2 embedded format.
    public enum Format: String, Sendable, Equatable, CaseIterable { case json, binary }

    /// Base URL (`GIBSON_HOOK_KAFKA_REST_URL`); nil disables the sink.
    public var url: String? = nil
    /// API dialect (`GIBSON_HOOK_KAFKA_REST_API`).
    public var api = API.v2
    /// v2/Redpanda embedded format.
    public var format = Format.json
    /// v3 cluster id; nil means discover with `GET /v3/clusters` and cache.
    public var clusterId: String? = nil
    /// Records per request (the native producer: records per flush round).
    public var batchSize = 500
    /// REST: HTTP auth. Native: the SASL user name and password (`username`, `password`/`passwordEnv`).
    public var auth = AuthSettings()
    public var tls = TLSSettings()

    /// `security.protocol` of the native producer.
    public enum SecurityProtocol: String, Sendable, Equatable, CaseIterable {
        case plaintext, ssl, sasl_plaintext, sasl_ssl
    }
    /// `sasl.mechanism` of the native producer.
    public enum SASLMechanism: String, Sendable, Equatable, CaseIterable {
        case plain = "PLAIN", scramSHA256 = "SCRAM-SHA-256", scramSHA512 = "SCRAM-SHA-512"
    }
    /// How the native producer writes an event: `binary` (`ce_` headers, the data as the value) or
    /// `structured` (the whole event as the value), per the CloudEvents Kafka protocol binding.
    public enum Mode: String, Sendable, Equatable, CaseIterable { case binary, structured }
    /// The SASL settings of the native producer; the credentials are `auth`'s.
    public struct SASL: Sendable, Equatable {
        public var mechanism = SASLMechanism.plain
        public init() {}
    }

    /// Bootstrap brokers of the native producer (`GIBSON_HOOK_KAFKA_BROKERS`, comma-separated); empty leaves
    /// it off. Exclusive with `url`.
    public var brokers: [String] = []
    public var securityProtocol = SecurityProtocol.plaintext
    public var sasl = SASL()
    public var mode = Mode.binary
    /// Further librdkafka properties, passed as they are (gibson-hook's delivery guarantees win).
    public var librdkafka: [String: String] = [:]

    public init() {}
}

/// A CloudEvents HTTP sink.
public struct CloudEventsSettings: Sendable, Equatable {
    /// HTTP content mode of the CloudEvents HTTP binding. `batch` only when the sink asked for it.
    public enum Mode: String, Sendable, Equatable, CaseIterable { case structured, binary, batch }

    /// Sink URL (`GIBSON_HOOK_CLOUDEVENTS_URL`); nil disables the sink.
    public var url: String? = nil
    public var mode = Mode.structured
    /// Events per request in batch mode.
    public var batchSize = 100
    public var auth = AuthSettings()
    public var tls = TLSSettings()

    public init() {}
}

/// A Temporal frontend's HTTP API.
public struct TemporalSettings: Sendable, Equatable {
    /// Base URL (`GIBSON_HOOK_TEMPORAL_URL`), for example `http://127.0.0.1:7243`; nil means local fallback.
    public var url: String? = nil
    /// `GIBSON_HOOK_TEMPORAL_NAMESPACE`.
    public var namespace = "default"
    /// `GIBSON_HOOK_TEMPORAL_TASK_QUEUE`.
    public var taskQueue = "gibson-hook"
    /// Path prefix before `/namespaces/...` (servers 1.22+ serve `/api/v1`).
    public var pathPrefix = "/api/v1"
    public var auth = AuthSettings()
    public var tls = TLSSettings()

    public init() {}
}

/// One Kafka topic.
public struct TopicSettings: Sendable, Equatable {
    public var partitions: Int
    public var replication: Int
    public var retention: DurationValue

    public init(partitions: Int, replication: Int, retention: DurationValue) {
        self.partitions = partitions
        self.replication = replication
        self.retention = retention
    }

    /// The design document's topics.
    public static let designDefaults: [String: TopicSettings] = [
        "gibson-events": TopicSettings(partitions: 3, replication: 2, retention: .days(7)),
        "project-events": TopicSettings(partitions: 2, replication: 2, retention: .days(30)),
        "ai-events": TopicSettings(partitions: 4, replication: 2, retention: .days(90)),
        "system-events": TopicSettings(partitions: 1, replication: 2, retention: .days(7)),
    ]
}

/// An event trigger from the design document: when an event matching `event` and `filter` is emitted,
/// record a start of the workflow its `action` names (`gibson:activate`, `gibson:recovery`, `gibson:scale` or
/// `workflow:<type>`); see `EventTriggerPlan`.
public struct EventTrigger: Sendable, Equatable {
    public var name: String
    /// Event type pattern, e.g. `health:check` or a CloudEvents type; `*` matches any.
    public var event: String
    /// `key=value|value` filter on event data, or nil.
    public var filter: String? = nil
    /// Topic the trigger listens on, when it applies to Kafka messages.
    public var topic: String? = nil
    public var action: String

    public init(name: String, event: String, filter: String? = nil, topic: String? = nil, action: String) {
        self.name = name
        self.event = event
        self.filter = filter
        self.topic = topic
        self.action = action
    }
}

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

/// The durable SQLite outbox.
public struct OutboxSettings: Sendable, Equatable {
    /// Database path; nil means `$GIBSON_HOOK_STATE_DIR/outbox.sqlite3`.
    public var path: String? = nil
    /// How long delivered rows are kept.
    public var retention = DurationValue.days(7)
    /// Attempts before an event becomes a dead letter.
    public var maxAttempts = 10

    public init() {}
}

/// Retries, deadlines and the circuit breaker.
public struct DeliverySettings: Sendable, Equatable {
    /// Default deadline of a delivering command (`flush`, `emit --wait`).
    public var deadline = DurationValue.seconds(20)
    public var connectTimeout = DurationValue.seconds(2)
    public var requestTimeout = DurationValue.seconds(10)
    /// Full-jitter exponential backoff: sleep = random(0, min(cap, base * 2^n)).
    public var backoffBase = DurationValue.milliseconds(200)
    public var backoffCap = DurationValue.seconds(5)
    /// Consecutive failures that open an endpoint's breaker (design document: 5).
    public var breakerFailureThreshold = 5
    /// How long an open breaker stays open (design document: 30 s).
    public var breakerRecoveryTimeout = DurationValue.seconds(30)

    public init() {}
}

/// Per-hook behaviour.
public struct HookSettings: Sendable, Equatable {
    /// Pre-commit health gate.
    public var preCommit = PreCommitSettings()
    /// argv lists run after each commit (the real gibson-cli has no `schema validate`: none by default).
    public var postCommitActions: [[String]] = []
    /// Deliver post-commit events in a detached background process.
    public var backgroundDelivery = true
    /// Also run the health gate in pre-push.
    public var prePushHealthGate = false

    public init() {}
}

/// The pre-commit gate.
public struct PreCommitSettings: Sendable, Equatable {
    public var enabled = true
    /// Upper bound on the whole gate, recovery included.
    public var timeout = DurationValue.seconds(45)

    public init() {}
}

/// The Gibson project and event keying.
public struct ProjectSettings: Sendable, Equatable {
    /// Project id (`GIBSONAI_PROJECT`); nil when the repository is not tied to a project.
    public var id: String? = nil
    /// What keys Kafka records: `repository` (default, keeps one repository's events in order), `project`,
    /// `branch`, or `none`.
    public var partitionKey = "repository"
    /// CloudEvents `source`; nil means derived from the repository remote or the host name.
    public var source: String? = nil

    public init() {}
}
