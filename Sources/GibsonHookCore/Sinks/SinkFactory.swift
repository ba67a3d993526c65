import Foundation

/// Builds the configured sinks, each with its own libcurl client (its own TLS settings and connection cache).
public enum SinkFactory {
    /// One sink per configured URL, in `SinkRegistry.kinds` order. Empty when no sink is
    /// configured (events then wait in the outbox).
    public static func makeSinks(
        configuration: Configuration, environment: ProcessEnvironment, cache: KeyValueCache
    ) -> [EventSink] {
        SinkRegistry.configured(configuration).map { kind, _ in
            let client = HTTPClient(options: HTTPClientOptions(delivery: configuration.delivery, tls: kind.tls(configuration.sinks)))
            return kind.make(configuration, environment, cache, client)
        }
    }

    /// `gibson-hook@<hostname>`, the identity Temporal records for starts.
    static func identity(_ environment: ProcessEnvironment) -> String {
        let host = environment.nonEmpty("HOSTNAME") ?? ProcessInfo.processInfo.hostName
        return "gibson-hook@\(host)"
    }
}
