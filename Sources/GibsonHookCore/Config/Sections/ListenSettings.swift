/// `listen`: the sources `gibson-hook listen` reads events from. Each source is off unless configured.
public struct ListenSettings: Sendable, Equatable {
    /// The CloudEvents webhook receiver.
    public var webhook = WebhookListenSettings()
    /// The Kafka consumer group.
    public var kafka = KafkaListenSettings()
    /// The Docker Engine's events.
    public var docker = DockerListenSettings()
    /// Workflow starts on the Temporal server of `sinks.temporal`.
    public var temporal = TemporalListenSettings()

    public init() {}

    /// True when at least one source is configured: `listen` has something to read, and `service install`
    /// adds a unit that runs it.
    public var hasSource: Bool {
        webhook.address != nil || !kafka.topics.isEmpty || docker.socket != nil || !temporal.workflowTypes.isEmpty
    }
}

/// `listen.webhook`: an HTTP receiver of structured, binary and batch CloudEvents.
public struct WebhookListenSettings: Sendable, Equatable {
    /// `HOST:PORT` (IPv4) or a bare `PORT` (bound to 127.0.0.1); nil leaves the receiver off.
    public var address: String? = nil
    /// Bearer token every POST must carry; nil (and no `tokenEnv`) accepts any request.
    public var token: String? = nil
    /// Environment variable holding the bearer token.
    public var tokenEnv: String? = nil
    /// Origins the validation handshake allows (`WebHook-Allowed-Origin`); `*` allows any.
    public var allowedOrigins: [String] = ["*"]
    /// Requests waiting to be stored; one more is answered 503 with Retry-After.
    public var queueLimit = 64
    /// The largest request body accepted, in bytes (a larger one is answered 413).
    public var maxBodyBytes = 1 << 20
    /// How long a client may take to send its whole request.
    public var readTimeout = DurationValue.seconds(10)

    public init() {}
}

/// `listen.kafka`: a consumer group on topics, reading CloudEvents in binary and structured mode.
public struct KafkaListenSettings: Sendable, Equatable {
    /// Topics to consume; empty leaves the Kafka source off.
    public var topics: [String] = []
    /// The consumer group (the design document's health monitor group by default).
    public var group = "gibson-health-group"

    public init() {}
}

/// `actions.<name>`: a command an event trigger runs (`run:<name>`, or `gibson:<name>`).
public struct ActionSettings: Sendable, Equatable {
    /// argv: the executable and its arguments, never run through a shell.
    public var command: [String] = []
    /// How long one run may take before its process group is ended (the run then failed).
    public var timeout = DurationValue.seconds(60)

    public init(command: [String] = []) { self.command = command }
}

/// `listen.docker`: container events read from the Docker Engine API's `GET /events` on its unix socket.
public struct DockerListenSettings: Sendable, Equatable {
    /// The Engine API socket, e.g. `/var/run/docker.sock`; nil leaves the Docker source off.
    public var socket: String? = nil
    /// The container actions turned into events (`docker:container:<action>`).
    public var actions: [String] = ["start", "stop"]
    /// How often the events since the last read are asked for.
    public var pollInterval = DurationValue.seconds(2)

    public init() {}
}

/// `listen.temporal`: workflow starts of some types, read through the HTTP API's visibility list query.
public struct TemporalListenSettings: Sendable, Equatable {
    /// Workflow types whose starts become events; empty leaves the Temporal source off.
    public var workflowTypes: [String] = []
    /// How often the starts since the cursor are asked for.
    public var pollInterval = DurationValue.seconds(5)

    public init() {}
}
