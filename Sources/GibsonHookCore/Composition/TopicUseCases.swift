import Foundation

extension GibsonHook {
    /// `topics check`: the configured topics compared with the cluster's.
    public func checkTopics() throws(TopicsError) -> TopicReport {
        try TopicProvisioner(admin: topicAdmin()).check(TopicSpec.configured(configuration))
    }

    /// `topics apply [--fix]`: creates the missing topics; with `fix`, adds partitions and sets configs.
    public func applyTopics(fix: Bool) throws(TopicsError) -> TopicReport {
        try TopicProvisioner(admin: topicAdmin()).apply(TopicSpec.configured(configuration), fix: fix)
    }

    /// librdkafka's Admin API when brokers are configured, else the REST proxy's v3 API; requests wait at
    /// most `delivery.requestTimeout`.
    func topicAdmin() throws(TopicsError) -> any TopicAdmin {
        let kafka = configuration.sinks.kafka
        let timeout = configuration.delivery.requestTimeout.seconds
        if !kafka.brokers.isEmpty {
            let properties: [(String, String)]
            do {
                // The sink's connection and security settings, without the producer's delivery guarantees.
                // librdkafka's own log lines stay off stderr (the report says what failed) unless the user's
                // `librdkafka` properties, set after, ask for them.
                let delivery: Set<String> = ["enable.idempotence", "acks", "message.timeout.ms"]
                properties = try [("log_level", "0")] + KafkaNativeSink(settings: kafka, environment: context.environment)
                    .properties(messageTimeout: 1000).filter { !delivery.contains($0.0) }
            } catch {
                throw .notConfigured("kafka: \(error)")
            }
            return try KafkaTopicAdmin(
                libraryPath: context.environment.nonEmpty("GIBSON_HOOK_LIBRDKAFKA"), properties: properties,
                configured: Set(kafka.librdkafka.keys), timeout: timeout)
        }
        if let url = kafka.url, !url.isEmpty {
            guard kafka.api == .v3 else {
                throw .notConfigured("the Kafka REST API '\(kafka.api.rawValue)' has no topic administration: set "
                    + "sinks.kafka.api to v3 (GIBSON_HOOK_KAFKA_REST_API=v3) for a Confluent REST proxy, or sinks.kafka.brokers")
            }
            let client = HTTPClient(options: HTTPClientOptions(delivery: configuration.delivery, tls: kafka.tls))
            return try KafkaRestTopicAdmin(settings: kafka, transport: client, environment: context.environment, timeout: timeout)
        }
        throw .notConfigured("no Kafka is configured: set sinks.kafka.brokers (GIBSON_HOOK_KAFKA_BROKERS), or a "
            + "Confluent REST proxy with API v3 (GIBSON_HOOK_KAFKA_REST_URL and GIBSON_HOOK_KAFKA_REST_API=v3)")
    }
}
