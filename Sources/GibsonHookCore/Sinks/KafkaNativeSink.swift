import Foundation

/// Delivers events to Kafka brokers natively through librdkafka (loaded at run time, see `KafkaProducer`):
/// an idempotent producer (`enable.idempotence=true`, `acks=all`), one producer per flush round, each record's
/// delivery report mapped to an outcome. Binary mode (default) writes `ce_` headers and the data as the value,
/// structured mode the whole event, per the CloudEvents Kafka protocol binding. Record key and topic as the
/// REST sink: the partition key and the routed topic.
public final class KafkaNativeSink: EventSink {
    /// `kafka`, as the REST sink: events pending for one stay pending for the other.
    public let name = "kafka"
    public let endpoint: String
    public let maxBatchSize: Int
    let settings: KafkaRestSettings
    let environment: ProcessEnvironment

    /// The sink's identity in `SinkRegistry`: `kafka://` and the brokers; nil when no broker is configured.
    static func url(_ settings: KafkaRestSettings) -> String? {
        settings.brokers.isEmpty ? nil : "kafka://" + settings.brokers.joined(separator: ",")
    }

    public init(settings: KafkaRestSettings, environment: ProcessEnvironment) {
        self.settings = settings
        self.environment = environment
        self.endpoint = SinkRegistry.endpoint(of: Self.url(settings) ?? "kafka://")
        self.maxBatchSize = max(1, settings.batchSize)
    }

    public func accepts(_ event: OutboundEvent) -> Bool { true }
    public var acceptsEveryEvent: Bool { true }
    /// Structured mode sends the stored JSON as it is; binary mode maps attributes to headers.
    public var readsEventAttributes: Bool { settings.mode == .binary }
    /// The SASL password (inline or from its variable), masked in every stored reason.
    public var secrets: [String] {
        let password = settings.auth.passwordEnv.flatMap { environment.nonEmpty($0) } ?? settings.auth.password
        return (password.map { [$0] } ?? []) + SinkSecrets.values(auth: settings.auth, url: nil, environment: environment)
    }

    public func deliver(_ batch: [OutboundEvent], deadline: Date) -> [DeliveryOutcome] {
        let milliseconds = Int(deadline.timeIntervalSinceNow * 1000)
        guard milliseconds >= 100 else { return batch.map { _ in .notSent(reason: "kafka: the delivery deadline had passed") } }
        let producer: KafkaProducer
        do {
            producer = try self.producer(messageTimeout: milliseconds)
        } catch {
            return batch.map { _ in .notSent(reason: "kafka sink: \(error)") }
        }
        producer.begin(capacity: batch.count)
        var immediate = [Int32?](repeating: nil, count: batch.count)
        for (index, outbound) in batch.enumerated() {
            let (headers, value) = record(outbound)
            let error = producer.produce(topic: outbound.topic, key: outbound.key, value: value, headers: headers, index: index)
            if error != 0 { immediate[index] = error }
        }
        producer.flush(milliseconds: max(0, Int(deadline.timeIntervalSinceNow * 1000)))
        return batch.indices.map { index in
            if let error = immediate[index] { return Self.outcome(error: error, status: 0) }
            guard let report = producer.report(index) else {
                return .notSent(reason: "kafka: no delivery report before the deadline (sent again with the same id)")
            }
            return Self.outcome(error: report.error, status: report.status)
        }
    }

    /// The producer of this sink, made on the first batch and kept for the process (connections and the
    /// idempotent producer id are reused); `message.timeout.ms` is bounded by the first batch's deadline.
    private var made: KafkaProducer?

    private func producer(messageTimeout: Int) throws(KafkaProducerError) -> KafkaProducer {
        if let made { return made }
        let producer = try KafkaProducer(
            libraryPath: environment.nonEmpty("GIBSON_HOOK_LIBRDKAFKA"), properties: try properties(messageTimeout: messageTimeout),
            capacity: 0)
        made = producer
        return producer
    }

    /// librdkafka's configuration: the user's `librdkafka` properties, then the connection settings and the
    /// delivery guarantees, which win.
    func properties(messageTimeout: Int) throws(KafkaProducerError) -> [(String, String)] {
        var properties = settings.librdkafka.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        properties += [
            ("bootstrap.servers", settings.brokers.joined(separator: ",")),
            ("security.protocol", settings.securityProtocol.rawValue),
            ("enable.idempotence", "true"), ("acks", "all"),
            ("message.timeout.ms", String(min(messageTimeout, Int(settings.librdkafka["message.timeout.ms"] ?? "") ?? .max))),
        ]
        if settings.securityProtocol == .sasl_plaintext || settings.securityProtocol == .sasl_ssl {
            let auth = settings.auth
            guard let user = auth.username, !user.isEmpty else {
                throw KafkaProducerError(message: "sasl is configured without a user name: set sinks.kafka.auth.username")
            }
            let fromEnv = auth.passwordEnv.flatMap { environment.nonEmpty($0) }
            guard let password = fromEnv ?? auth.password else {
                throw KafkaProducerError(message: auth.passwordEnv.map { "sasl is configured but '\($0)' is not set: export it" }
                    ?? "sasl is configured without a password: set sinks.kafka.auth.password or passwordEnv")
            }
            properties += [("sasl.mechanism", settings.sasl.mechanism.rawValue), ("sasl.username", user), ("sasl.password", password)]
        }
        if let ca = settings.tls.caFile { properties.append(("ssl.ca.location", ca)) }
        if let cert = settings.tls.certFile { properties.append(("ssl.certificate.location", cert)) }
        if let key = settings.tls.keyFile { properties.append(("ssl.key.location", key)) }
        return properties
    }

    /// The record's headers and value in the configured mode.
    func record(_ outbound: OutboundEvent) -> ([(String, [UInt8])], [UInt8]) {
        switch settings.mode {
        case .structured:
            return ([("content-type", Array("application/cloudevents+json; charset=UTF-8".utf8))], EventJSONWriter.bytes(of: outbound))
        case .binary:
            let (httpHeaders, body) = CloudEventsSink.binaryMessage(outbound.event)
            // The HTTP binding's headers, renamed for Kafka (`ce_` prefix, `content-type`) with raw UTF-8 values.
            let headers = httpHeaders.map { header -> (String, [UInt8]) in
                let name = header.name == "Content-Type" ? "content-type" : "ce_" + header.name.dropFirst(3)
                let value = name == "content-type" ? header.value : CloudEventHeaderEncoding.decode(header.value) ?? header.value
                return (name, Array(value.utf8))
            }
            return (headers, Array(body))
        }
    }

    /// Broker errors that no retry can fix: the event becomes a dead letter with the broker's reason.
    static let permanentErrors: Set<Int32> = [
        10,  // MSG_SIZE_TOO_LARGE
        17,  // INVALID_TOPIC_EXCEPTION
        18,  // RECORD_LIST_TOO_LARGE
        29,  // TOPIC_AUTHORIZATION_FAILED
        87,  // INVALID_RECORD
    ]

    /// A delivery report's outcome: delivered; permanent (dead letter); otherwise pending, sent again later
    /// with the same id (no attempt spent), saying so when the broker may already have it.
    static func outcome(error: Int32, status: Int32) -> DeliveryOutcome {
        if error == 0 { return .delivered }
        let reason = "kafka broker: " + KafkaProducer.describe(error)
        if permanentErrors.contains(error) { return .permanent(reason: reason) }
        if status == KafkaProducer.possiblyPersisted {
            return .notSent(reason: reason + "; " + DeliveryOutcome.possibleDuplicateNote)
        }
        return .notSent(reason: reason)
    }
}
