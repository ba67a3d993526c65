import Foundation

/// One kind of event sink: its name, its configuration section and settings, and how it is built. The
/// registry's list of kinds is the one place a sink is named; delivery (`SinkFactory`), the hook's
/// background-delivery decision, configuration validation, `validate`'s audit and `emit`'s "no sink" note read it.
public struct SinkKind: Sendable {
    /// The name stored in outbox rows and shown by `validate`: `kafka`, `cloudevents`, `temporal`.
    public let name: String
    /// Its configuration section, e.g. `sinks.kafka`.
    public let key: String
    /// Its URL in `sinks`; nil or empty leaves the sink off.
    let url: @Sendable (Sinks) -> String?
    /// Its authentication settings.
    let auth: @Sendable (Sinks) -> AuthSettings
    /// Its TLS settings (each sink gets its own libcurl client with them).
    let tls: @Sendable (Sinks) -> TLSSettings
    /// Builds the sink over `transport`.
    let make: @Sendable (_ configuration: Configuration, _ environment: ProcessEnvironment, _ cache: KeyValueCache,
        _ transport: HTTPClient) -> EventSink
    /// The only event type the sink takes (its `accepts`), nil when it takes every event: what `status`
    /// counts as waiting for it without building the sink.
    var onlyEventType: String? = nil
}

/// The list of sink kinds, in delivery order. Adding a sink: its settings in `Sinks`, its `EventSink` in a new
/// file under Sinks/, and one `SinkKind` entry in `kinds` (see docs/architecture.md).
public enum SinkRegistry {
    /// Every sink kind gibson-hook knows.
    public static let kinds: [SinkKind] = [
        SinkKind(
            name: "kafka", key: "sinks.kafka", url: { $0.kafka.url }, auth: { $0.kafka.auth }, tls: { $0.kafka.tls },
            make: { configuration, environment, cache, transport in
                KafkaRestSink(settings: configuration.sinks.kafka, transport: transport, environment: environment, cache: cache)
            }),
        SinkKind(
            name: "kafka", key: "sinks.kafka", url: { KafkaNativeSink.url($0.kafka) }, auth: { $0.kafka.auth },
            tls: { $0.kafka.tls },
            make: { configuration, environment, _, _ in
                KafkaNativeSink(settings: configuration.sinks.kafka, environment: environment)
            }),
        SinkKind(
            name: "cloudevents", key: "sinks.cloudEvents", url: { $0.cloudEvents.url }, auth: { $0.cloudEvents.auth },
            tls: { $0.cloudEvents.tls },
            make: { configuration, environment, _, transport in
                CloudEventsSink(settings: configuration.sinks.cloudEvents, transport: transport, environment: environment)
            }),
        SinkKind(
            name: "temporal", key: "sinks.temporal", url: { $0.temporal.url }, auth: { $0.temporal.auth },
            tls: { $0.temporal.tls },
            make: { configuration, environment, cache, transport in
                TemporalSink(
                    settings: configuration.sinks.temporal, workflows: configuration.workflows,
                    identity: SinkFactory.identity(environment), transport: transport, environment: environment, cache: cache)
            }, onlyEventType: WorkflowRequest.eventType),
    ]

    /// The kinds `configuration` turns on, each with its URL.
    /// The sink names rows can carry, each once (REST and native Kafka deliver as one sink, `kafka`).
    public static var names: [String] {
        kinds.reduce(into: [String]()) { names, kind in if !names.contains(kind.name) { names.append(kind.name) } }
    }

    public static func configured(_ configuration: Configuration) -> [(kind: SinkKind, url: String)] {
        kinds.compactMap { kind in
            guard let url = kind.url(configuration.sinks), !url.isEmpty else { return nil }
            return (kind, url)
        }
    }

    /// True when at least one sink has a URL.
    public static func anyConfigured(_ configuration: Configuration) -> Bool { !configured(configuration).isEmpty }

    /// The circuit-breaker key of a sink URL, `scheme://host:port`: the sinks key their breakers with it and the
    /// hook's background-delivery decision reads the breakers with it, so the two always agree.
    static func endpoint(of url: String) -> String { SinkResponses.endpoint(of: url) }
}
