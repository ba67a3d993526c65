import Foundation

/// Delivers events to a Kafka REST proxy: Confluent v2, Confluent v3 (streaming form) or Redpanda's HTTP
/// proxy. The whole CloudEvent travels as the record value in the JSON event format; the record key is the
/// event's partition key. Events are grouped into one request per topic, in order, at most `maxBatchSize`
/// records each. A 200 answer is only transport success: each record's own report decides its outcome.
public final class KafkaRestSink: EventSink {
    /// `kafka`, stored in outbox rows.
    public let name = "kafka"
    /// `scheme://host:port` of the configured URL, the circuit breaker's key.
    public let endpoint: String
    /// The most events one `deliver` call takes.
    public let maxBatchSize: Int
    let settings: KafkaRestSettings
    let baseURL: String
    let transport: HTTPTransport
    let environment: ProcessEnvironment
    let cache: KeyValueCache
    let clock: WallClock

    /// Creates the sink for `settings` (whose `url` must be set), sending through `transport`.
    public init(
        settings: KafkaRestSettings, transport: HTTPTransport, environment: ProcessEnvironment,
        cache: KeyValueCache, clock: WallClock = SystemClock()
    ) {
        self.settings = settings
        self.baseURL = SinkResponses.base(settings.url ?? "")
        self.endpoint = SinkResponses.endpoint(of: baseURL)
        self.maxBatchSize = max(1, settings.batchSize)
        self.transport = transport
        self.environment = environment
        self.cache = cache
        self.clock = clock
    }

    /// The configured credentials and URL query values, masked in every stored reason.
    public var secrets: [String] {
        SinkSecrets.values(auth: settings.auth, url: settings.url, environment: environment)
    }

    /// Every event can go to Kafka.
    public func accepts(_ event: OutboundEvent) -> Bool { true }
    /// Every event can go here, so the outbox assigns events without reading them back.
    public var acceptsEveryEvent: Bool { true }
    /// v2 and Redpanda send the stored JSON as it is; v3 puts attributes into record headers.
    public var readsEventAttributes: Bool { settings.api == .v3 }

    /// One request per topic (and per `maxBatchSize` records), preserving order within each topic.
    public func deliver(_ batch: [OutboundEvent], deadline: Date) -> [DeliveryOutcome] {
        collectOutcomes(batch, deadline: deadline)
    }

    /// One request per topic (and per `maxBatchSize` records), each settled as soon as it is answered.
    public func deliver(_ batch: [OutboundEvent], deadline: Date, settle: ([Int], [DeliveryOutcome]) -> Bool) {
        withAuthorization(settings.auth, environment: environment, batch: batch, settle: settle) { authorization in
            var topics: [String] = []
            var indicesByTopic: [String: [Int]] = [:]
            for (index, event) in batch.enumerated() {
                if indicesByTopic[event.topic] == nil { topics.append(event.topic) }
                indicesByTopic[event.topic, default: []].append(index)
            }
            for topic in topics {
                let indices = indicesByTopic[topic]!
                for start in stride(from: 0, to: indices.count, by: maxBatchSize) {
                    let chunk = Array(indices[start..<min(start + maxBatchSize, indices.count)])
                    let events = chunk.map { batch[$0] }
                    guard settle(chunk, produce(events, topic: topic, authorization: authorization, deadline: deadline))
                    else { return }
                }
            }
        }
    }

    private func produce(
        _ events: [OutboundEvent], topic: String, authorization: HTTPHeader?, deadline: Date
    ) -> [DeliveryOutcome] {
        switch settings.api {
        case .v2, .redpanda:
            return produceV2(events, topic: topic, authorization: authorization, deadline: deadline)
        case .v3:
            return produceV3(events, topic: topic, authorization: authorization, deadline: deadline)
        }
    }

    /// The outcome every record of a request gets from the HTTP status alone, or nil when the body must be
    /// read record by record (2xx).
    func requestLevelOutcome(_ response: HTTPResponse) -> DeliveryOutcome? {
        let status = response.status
        // Computed only when used: it parses the body, which a 2xx answer never needs for this.
        var reason: String { "kafka rest proxy answered \(SinkResponses.reason(response))" }
        switch status {
        case 200..<300: return nil
        case 300..<400: return SinkResponses.redirect(response)
        case 408, 429, 502, 503, 504:
            return .retry(reason: reason, retryAfter: SinkResponses.retryAfter(response, now: clock.now()))
        case 500:
            // 50002 is Kafka's non-retriable error; 50003 and anything unnamed may succeed later.
            let code = SinkResponses.json(response.body)?["error_code"]?.intValue
            return code == 50002 ? .permanent(reason: reason) : .retry(reason: reason, retryAfter: nil)
        case 500..<600: return .retry(reason: reason, retryAfter: SinkResponses.retryAfter(response, now: clock.now()))
        default: return .permanent(reason: reason)
        }
    }

    /// The same outcome for every event of a request.
    func all(_ events: [OutboundEvent], _ outcome: DeliveryOutcome) -> [DeliveryOutcome] {
        events.map { _ in outcome }
    }
}
