import Foundation
import Testing
@testable import GibsonHookCore

@Suite struct KafkaNativeSinkTests {
    private func settings(_ edit: (inout KafkaRestSettings) -> Void = { _ in }) -> KafkaRestSettings {
        var settings = KafkaRestSettings()
        settings.brokers = ["kafka-1:9092", "kafka-2:9092"]
        edit(&settings)
        return settings
    }

    @Test func brokersTurnTheSinkOnWithItsOwnEndpoint() {
        var configuration = Configuration()
        configuration.sinks.kafka = settings()
        let sinks = SinkFactory.makeSinks(configuration: configuration, environment: ProcessEnvironment(), cache: MemoryCache())
        #expect(sinks.map(\.name) == ["kafka"])
        #expect(sinks[0] is KafkaNativeSink)
        #expect(sinks[0].endpoint == SinkRegistry.endpoint(of: "kafka://kafka-1:9092,kafka-2:9092"))
    }

    @Test func theProducerIsIdempotentAndTheDeadlineBoundsTheMessageTimeout() throws {
        let sink = KafkaNativeSink(settings: settings {
            $0.librdkafka = ["enable.idempotence": "false", "linger.ms": "20", "message.timeout.ms": "900"]
        }, environment: ProcessEnvironment())
        let properties = try sink.properties(messageTimeout: 5000)
        #expect(properties.map { "\($0.0)=\($0.1)" } == [
            "enable.idempotence=false", "linger.ms=20", "message.timeout.ms=900",
            "bootstrap.servers=kafka-1:9092,kafka-2:9092", "security.protocol=plaintext",
            "enable.idempotence=true", "acks=all", "message.timeout.ms=900",
        ])
        #expect(try sink.properties(messageTimeout: 300).last! == ("message.timeout.ms", "300"))
    }

    @Test func saslTakesTheUserAndThePasswordVariableAndMasksIt() throws {
        let sink = KafkaNativeSink(settings: settings {
            $0.securityProtocol = .sasl_ssl
            $0.sasl.mechanism = .scramSHA512
            $0.auth.username = "svc"
            $0.auth.passwordEnv = "KAFKA_PASSWORD"
            $0.tls.caFile = "/etc/ca.pem"
        }, environment: ProcessEnvironment(["KAFKA_PASSWORD": "s3cret"]))
        let properties = try sink.properties(messageTimeout: 1000).suffix(4).map { "\($0.0)=\($0.1)" }
        #expect(properties == ["sasl.mechanism=SCRAM-SHA-512", "sasl.username=svc", "sasl.password=s3cret", "ssl.ca.location=/etc/ca.pem"])
        #expect(sink.secrets.contains("s3cret"))
        let unset = KafkaNativeSink(settings: settings {
            $0.securityProtocol = .sasl_plaintext
            $0.auth.username = "svc"
            $0.auth.passwordEnv = "KAFKA_PASSWORD"
        }, environment: ProcessEnvironment())
        #expect(throws: KafkaProducerError.self) { try unset.properties(messageTimeout: 1000) }
    }

    @Test func binaryModeWritesCeHeadersWithRawValues() {
        let sink = KafkaNativeSink(settings: settings(), environment: ProcessEnvironment())
        var event = CloudEvent(id: "e-1", source: "gibson-hook://repo", type: "dev.test")
        event.subject = "Euro €"
        event.data = .object(["n": .integer(1)])
        let (headers, value) = sink.record(OutboundEvent(event: event, topic: "t", key: "k"))
        #expect(headers.map { "\($0.0): \(String(decoding: $0.1, as: UTF8.self))" } == [
            "content-type: application/json", "ce_specversion: 1.0", "ce_id: e-1", "ce_source: gibson-hook://repo",
            "ce_type: dev.test", "ce_subject: Euro €",
        ])
        #expect(String(decoding: value, as: UTF8.self) == #"{"n":1}"#)
    }

    @Test func librdkafkasLatestErrorIsNamedBeforeThePossibleDuplicateNote() {
        let problem = KafkaProducer.plain(
            "[thrd:app]: rdkafka#producer-1: 127.0.0.1:1/bootstrap: Connect to ipv4#127.0.0.1:1 failed: Connection refused")
        #expect(problem == "127.0.0.1:1/bootstrap: Connect to ipv4#127.0.0.1:1 failed: Connection refused")
        #expect(KafkaProducer.plain("no prefix: kept") == "no prefix: kept")
        #expect(KafkaNativeSink.outcome(error: -192, status: 1, problem: problem) == .notSent(reason:
            "kafka broker: " + KafkaProducer.describe(-192) + "; librdkafka: " + problem + "; "
            + DeliveryOutcome.possibleDuplicateNote))
        guard case .permanent(let reason) = KafkaNativeSink.outcome(error: 10, status: 0, problem: problem) else {
            Issue.record("size")
            return
        }
        #expect(!reason.contains("librdkafka"))
    }

    @Test func deliveryReportsMapToOutcomes() {
        #expect(KafkaNativeSink.outcome(error: 0, status: 2) == .delivered)
        guard case .permanent = KafkaNativeSink.outcome(error: 10, status: 0) else { Issue.record("size"); return }
        guard case .permanent = KafkaNativeSink.outcome(error: 29, status: 0) else { Issue.record("authz"); return }
        guard case .notSent(let timedOut) = KafkaNativeSink.outcome(error: -192, status: 1) else { Issue.record("timeout"); return }
        #expect(timedOut.hasSuffix("; possibly persisted: sent again with the same id (a possible duplicate)"))
        guard case .notSent(let down) = KafkaNativeSink.outcome(error: -195, status: 0) else { Issue.record("down"); return }
        #expect(!down.contains("possibly persisted"))
    }
}
