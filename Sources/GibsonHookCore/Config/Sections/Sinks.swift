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
