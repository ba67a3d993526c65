import Testing
@testable import GibsonHookCore

/// `sinks.kafka.brokers` entries are host:port, checked when the configuration loads.
@Suite struct KafkaBrokerAddressTests {
    @Test func hostPortEntriesParseAndOthersDoNot() {
        #expect(KafkaBrokerAddress("kafka-1:9092") == KafkaBrokerAddress("kafka-1:9092"))
        #expect(KafkaBrokerAddress("[::1]:9092").map { ($0.host, $0.port) } ?? ("", 0) == ("::1", 9092))
        for bad in ["kafka-2", ":9092", "kafka:0", "kafka:65536", "kafka:port", "kafka 1:9092", "kafka:"] {
            #expect(KafkaBrokerAddress(bad) == nil, "\(bad)")
        }
    }

    @Test func malformedBrokersAreOneErrorAtLoadNamingEachAndItsSource() throws {
        let sandbox = try ConfigSandbox()
        sandbox.environment["GIBSON_HOOK_KAFKA_BROKERS"] = "kafka-1:9092,kafka-2,kafka-3:99999"
        let diagnostics = sandbox.check()
        #expect(diagnostics.map(\.description) == [
            "env GIBSON_HOOK_KAFKA_BROKERS: error: 'sinks.kafka.brokers' has 'kafka-2', 'kafka-3:99999', not host:port "
                + "with a port 1-65535: write each broker as host:port, for example kafka-1:9092",
        ])
        #expect(throws: ConfigError.invalid(diagnostics)) { try sandbox.load() }
        sandbox.environment["GIBSON_HOOK_KAFKA_BROKERS"] = "kafka-1:9092,[::1]:9093"
        #expect(sandbox.check().isEmpty)
    }
}
