import Foundation

/// Builds the configured sinks, each with its own libcurl client (its own TLS settings and connection cache).
public enum SinkFactory {
    /// One sink per configured URL: Kafka REST, CloudEvents, Temporal, in that order. Empty when no sink is
    /// configured (events then wait in the outbox).
    public static func makeSinks(
        configuration: Configuration, environment: ProcessEnvironment, cache: KeyValueCache
    ) -> [EventSink] {
        let sinks = configuration.sinks
        let delivery = configuration.delivery
        var result: [EventSink] = []
        if let url = sinks.kafka.url, !url.isEmpty {
            let client = HTTPClient(options: HTTPClientOptions(delivery: delivery, tls: sinks.kafka.tls))
            result.append(KafkaRestSink(settings: sinks.kafka, transport: client, environment: environment, cache: cache))
        }
        if let url = sinks.cloudEvents.url, !url.isEmpty {
            let client = HTTPClient(options: HTTPClientOptions(delivery: delivery, tls: sinks.cloudEvents.tls))
            result.append(CloudEventsSink(settings: sinks.cloudEvents, transport: client, environment: environment))
        }
        if let url = sinks.temporal.url, !url.isEmpty {
            let client = HTTPClient(options: HTTPClientOptions(delivery: delivery, tls: sinks.temporal.tls))
            result.append(
                TemporalSink(
                    settings: sinks.temporal, workflows: configuration.workflows, identity: identity(environment),
                    transport: client, environment: environment, cache: cache))
        }
        return result
    }

    /// `gibson-hook@<hostname>`, the identity Temporal records for starts.
    static func identity(_ environment: ProcessEnvironment) -> String {
        let host = environment.nonEmpty("HOSTNAME") ?? ProcessInfo.processInfo.hostName
        return "gibson-hook@\(host)"
    }
}
