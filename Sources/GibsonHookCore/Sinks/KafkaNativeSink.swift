import Foundation

/// Delivers events to Kafka brokers natively through librdkafka (loaded at run time, see `KafkaProducer`):
/// an idempotent producer (`enable.idempotence=true`, `acks=all`) kept for the process, each record's
/// delivery report mapped to an outcome and settled as it arrives. Binary mode (default) writes `ce_` headers
/// and the data as the value, structured mode the whole event, per the CloudEvents Kafka protocol binding. Record key and topic as the
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
        self.maxBatchSize = max(Self.round, settings.batchSize)
    }

    /// The fewest events one round takes: librdkafka batches records into produce requests itself, so a
    /// round is only the outbox's bookkeeping (the records leased together), and its reports are settled as
    /// they arrive.
    static let round = 2000

    public func accepts(_ event: OutboundEvent) -> Bool { true }
    public var acceptsEveryEvent: Bool { true }
    /// Both modes read the stored JSON: structured mode sends it as it is, binary mode scans its attributes
    /// (`KafkaBinaryRecord`) and parses only the events the scanner leaves to it.
    public var readsEventAttributes: Bool { false }
    /// The SASL password (inline or from its variable), masked in every stored reason.
    public var secrets: [String] {
        let password = settings.auth.passwordEnv.flatMap { environment.nonEmpty($0) } ?? settings.auth.password
        return (password.map { [$0] } ?? []) + SinkSecrets.values(auth: settings.auth, url: nil, environment: environment)
    }

    /// Makes the producer before the first round: it connects and asks for its idempotent producer id
    /// (librdkafka waits about 500 ms for it) while the outbox assigns and leases the events. A producer that
    /// cannot be made is tried again, and reported, by the first round.
    public func prepare(deadline: Date) {
        let milliseconds = Int(deadline.timeIntervalSinceNow * 1000)
        if milliseconds >= 100 { _ = try? producer(messageTimeout: milliseconds) }
    }

    /// The whole batch's outcomes at once (the Deliverer uses the settling form below).
    public func deliver(_ batch: [OutboundEvent], deadline: Date) -> [DeliveryOutcome] {
        collectOutcomes(batch, deadline: deadline)
    }

    /// How many reports are settled together while more are on their way: one outbox transaction each.
    static let settleChunk = 1000

    /// Queues the whole batch in librdkafka, which batches it into produce requests itself, and settles the
    /// records' reports as they arrive (in chunks of `settleChunk`, or whatever arrived when the producer is
    /// idle), so the outbox records outcomes while the rest is still being sent. A crash re-sends at most
    /// the records not yet settled. When `settle` returns false, nothing more is queued and what librdkafka
    /// still holds is purged; the purged records' reports are settled (pending, possibly persisted ones counted
    /// as possible duplicates).
    public func deliver(_ batch: [OutboundEvent], deadline: Date, settle: ([Int], [DeliveryOutcome]) -> Bool) {
        let milliseconds = Int(deadline.timeIntervalSinceNow * 1000)
        guard milliseconds >= 100 else {
            _ = settle(Array(batch.indices), batch.map { _ in .notSent(reason: "kafka: the delivery deadline had passed") })
            return
        }
        let producer: KafkaProducer
        do {
            producer = try self.producer(messageTimeout: milliseconds)
        } catch {
            _ = settle(Array(batch.indices), batch.map { _ in .notSent(reason: "kafka sink: \(error)") })
            return
        }
        producer.begin(capacity: batch.count)
        var ready: [Int] = []
        var outcomes: [DeliveryOutcome] = []
        var outstanding = 0
        var stopped = false
        func flushReady(always: Bool) {
            guard !ready.isEmpty, always || ready.count >= Self.settleChunk else { return }
            if !settle(ready, outcomes) { stopped = true }
            ready.removeAll(keepingCapacity: true)
            outcomes.removeAll(keepingCapacity: true)
        }
        func take() -> Int {
            let arrived = producer.takeReports()
            for index in arrived {
                guard let report = producer.report(index) else { continue }
                ready.append(index)
                outcomes.append(outcome(report, producer: producer))
            }
            outstanding -= arrived.count
            return arrived.count
        }
        // Keys with a record librdkafka refused at once (not permanently): their later records wait for the next
        // round, so a key's records never reach the broker out of order.
        var heldKeys = Set<String>()
        // Records librdkafka queued (their report may or may not come).
        var produced = [Bool](repeating: false, count: batch.count)
        for (index, outbound) in batch.enumerated() {
            if stopped || Date() >= deadline { break }
            if let key = outbound.key, heldKeys.contains(key) {
                ready.append(index)
                outcomes.append(.notSent(reason: "kafka: not sent: an earlier event with the same key was not accepted by librdkafka"))
                continue
            }
            let (headers, value) = record(outbound)
            var error = producer.produce(topic: outbound.topic, key: outbound.key, value: value, headers: headers, index: index)
            // A full local queue drains as reports arrive: wait for room rather than fail the record.
            while error == Self.queueFull && !stopped && Date() < deadline {
                producer.drain(milliseconds: 10)
                _ = take()
                flushReady(always: false)
                error = producer.produce(topic: outbound.topic, key: outbound.key, value: value, headers: headers, index: index)
            }
            if error != 0 {
                if let key = outbound.key, !Self.permanentErrors.contains(error) { heldKeys.insert(key) }
                ready.append(index)
                outcomes.append(Self.outcome(error: error, status: 0))
            } else {
                outstanding += 1
                produced[index] = true
            }
            if index % 256 == 255 {
                _ = take()
                flushReady(always: false)
            }
        }
        while outstanding > 0 && !stopped {
            let left = Int(deadline.timeIntervalSinceNow * 1000)
            if left <= 0 { break }
            // Flushing, not polling: the round's last records go out without waiting for `linger.ms`.
            producer.drain(milliseconds: min(left, 20))
            flushReady(always: take() == 0)
        }
        if outstanding > 0 {
            // The deadline passed or `settle` stopped: nothing stays in librdkafka to be sent behind the
            // outbox's back (purged records report `_PURGE_*` errors).
            producer.flush(milliseconds: 0)
            _ = take()
            // A record queued whose report never came may have reached the broker: it is sent again, counted
            // as a possible duplicate.
            for index in produced.indices where produced[index] && producer.report(index) == nil {
                ready.append(index)
                outcomes.append(.notSent(reason: "kafka: no delivery report before the deadline; " + DeliveryOutcome.possibleDuplicateNote))
            }
        }
        if !ready.isEmpty { _ = settle(ready, outcomes) }
    }

    /// A report's outcome, the reason naming librdkafka's latest logged error when the record was not sent.
    private func outcome(_ report: KafkaProducer.Report, producer: KafkaProducer) -> DeliveryOutcome {
        let problem = report.error == 0 || Self.permanentErrors.contains(report.error) ? nil : producer.lastProblem
        return Self.outcome(error: report.error, status: report.status, problem: problem)
    }

    /// librdkafka's latest logged error (it never writes to stderr itself), nil before the first batch or
    /// when none was logged: `flush` shows it once when events are left pending.
    public var problem: String? { made?.lastProblem }

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
            if let stored = outbound.storedJSON, let record = KafkaBinaryRecord.from(stored: stored) { return record }
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

    /// librdkafka's `RD_KAFKA_RESP_ERR__QUEUE_FULL`: its local queue has no room yet.
    static let queueFull: Int32 = -184

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
    /// `problem`, librdkafka's latest logged error, is named in the reason of a record not sent.
    static func outcome(error: Int32, status: Int32, problem: String? = nil) -> DeliveryOutcome {
        if error == 0 { return .delivered }
        var reason = "kafka broker: " + KafkaProducer.describe(error)
        if permanentErrors.contains(error) { return .permanent(reason: reason) }
        if let problem { reason += "; librdkafka: " + problem }
        if status == KafkaProducer.possiblyPersisted {
            return .notSent(reason: reason + "; " + DeliveryOutcome.possibleDuplicateNote)
        }
        return .notSent(reason: reason)
    }
}
