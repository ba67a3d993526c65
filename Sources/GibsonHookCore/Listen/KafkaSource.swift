import Foundation

/// A Kafka record that holds no CloudEvent: skipped (its offset committed) and reported, never retried
/// forever.
public struct RejectedRecord: Sendable, Equatable {
    public var topic: String
    public var partition: Int32
    public var offset: Int64
    public var reason: String

    /// "kafka record TOPIC[PARTITION]@OFFSET is not a CloudEvent (REASON): skipped".
    public var description: String { "kafka record \(topic)[\(partition)]@\(offset) is not a CloudEvent (\(reason)): skipped" }
}

/// The Kafka source of `listen`: reads batches of records from the consumer group, turns each into a
/// CloudEvent per the CloudEvents Kafka protocol binding (structured when `content-type` is
/// `application/cloudevents+json`, binary with `ce_` headers otherwise), records the batch with its trigger
/// effects in one outbox transaction, and only then commits the group's offsets. A crash between the two
/// re-reads the batch, which the outbox recognises as duplicates: nothing fires twice.
final class KafkaSource {
    private let consumer: KafkaConsumer
    private let batchSize: Int
    /// The last consumer error, reported once per change.
    private(set) var lastError: String?

    init(consumer: KafkaConsumer, batchSize: Int = 500) {
        self.consumer = consumer
        self.batchSize = batchSize
    }

    /// The consumer for `configuration`: its brokers, security and `librdkafka` settings from `sinks.kafka`,
    /// the group and topics from `listen.kafka`.
    static func make(configuration: Configuration, environment: ProcessEnvironment) throws -> KafkaSource {
        let sink = KafkaNativeSink(settings: configuration.sinks.kafka, environment: environment)
        let producerOnly: Set = ["enable.idempotence", "acks", "message.timeout.ms"]
        var properties = try sink.properties(messageTimeout: 30_000).filter { !producerOnly.contains($0.0) }
        properties += [
            ("group.id", configuration.listen.kafka.group), ("enable.auto.commit", "false"),
            ("enable.auto.offset.store", "false"), ("auto.offset.reset", "earliest"), ("enable.partition.eof", "true"),
        ]
        let consumer = try KafkaConsumer(
            libraryPath: environment.nonEmpty("GIBSON_HOOK_LIBRDKAFKA"), properties: properties,
            topics: configuration.listen.kafka.topics)
        return KafkaSource(consumer: consumer)
    }

    /// Records not yet read on the assigned partitions; nil while none is assigned.
    var lag: Int64? { consumer.lag }

    /// True once every assigned partition has been read to its end.
    var caughtUp: Bool { consumer.caughtUp }

    /// Reads up to a batch (waiting up to `milliseconds` for its first record), stores it and commits it.
    /// Returns the outcomes and the records skipped as not CloudEvents; empty when nothing came.
    func step(store: OutboxStore, milliseconds: Int) throws -> (outcomes: [ReceiveOutcome], rejected: [RejectedRecord], error: String?) {
        var events: [(event: CloudEvent, topic: String)] = []
        var rejected: [RejectedRecord] = []
        var next: [String: (topic: String, partition: Int32, offset: Int64)] = [:]
        var wait = milliseconds
        var error: String?
        while events.count + rejected.count < batchSize {
            switch consumer.poll(milliseconds: wait) {
            case .record(let record):
                next["\(record.partition)/\(record.topic)"] = (record.topic, record.partition, record.offset + 1)
                do throws(CloudEventsHTTPError) {
                    events.append((try Self.event(of: record), record.topic))
                } catch {
                    rejected.append(RejectedRecord(topic: record.topic, partition: record.partition, offset: record.offset, reason: error.reason))
                }
                wait = 0
                continue
            case .error(let reason):
                if reason != lastError { error = reason }
                lastError = reason
            case .nothing:
                break
            }
            break
        }
        guard !next.isEmpty else { return ([], [], error) }
        let outcomes = try store.receive(events, origin: "kafka")
        let code = consumer.commit(Array(next.values))
        if code != 0 {
            let reason = "commit: " + KafkaProducer.describe(code)
            guard Self.commitErrorIsRetryable(code) else { throw KafkaProducerError(message: "kafka " + reason) }
            // The batch is stored: read again after a rebalance or a restart, it is all duplicates.
            return (outcomes, rejected, reason + "; the batch is stored, so records read again are duplicates")
        }
        lastError = nil
        return (outcomes, rejected, error)
    }

    /// librdkafka error codes of a commit that cannot succeed by waiting: authorization and authentication
    /// failures, a fatal error, an invalid group or a misconfigured commit. Any other commit error (a
    /// rebalance under way, a generation or member id the group moved past, no coordinator yet, a timeout,
    /// a broken connection, nothing to commit) is routine: the next batch's commit covers it.
    static let fatalCommitErrors: Set<Int32> = [
        -150, // _FATAL
        -169, // _AUTHENTICATION
        -186, // _INVALID_ARG
        24, // INVALID_GROUP_ID
        29, // TOPIC_AUTHORIZATION_FAILED
        30, // GROUP_AUTHORIZATION_FAILED
        58, // SASL_AUTHENTICATION_FAILED
    ]

    /// Whether `listen` warns and goes on after a commit failing with `code`.
    static func commitErrorIsRetryable(_ code: Int32) -> Bool { !fatalCommitErrors.contains(code) }

    /// The CloudEvent of one record (Kafka protocol binding 1.0.2 §3.2 and §3.3).
    static func event(of record: KafkaRecord) throws(CloudEventsHTTPError) -> CloudEvent {
        var headers: [String: String] = [:]
        for (name, value) in record.headers {
            let lower = name.lowercased()
            guard let text = String(validating: value, as: UTF8.self) else {
                throw .invalid("header '\(name)' is not UTF-8")
            }
            // Kafka header values are raw UTF-8; the HTTP decoder expects the HTTP binding's percent-encoding.
            if lower == "content-type" { headers["content-type"] = text }
            if lower.hasPrefix("ce_") { headers["ce-" + lower.dropFirst(3)] = CloudEventHeaderEncoding.encode(text) }
        }
        let events = try CloudEventsHTTPDecoder.events(headers: headers, body: record.value)
        guard events.count == 1, let event = events.first else { throw .invalid("a Kafka record carries one event, not a batch") }
        return event
    }
}
