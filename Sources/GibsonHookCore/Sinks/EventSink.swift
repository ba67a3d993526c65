import Foundation

/// An event taken from the outbox for one sink: the envelope plus Kafka routing.
public struct OutboundEvent: Sendable, Equatable {
    /// The event when it was given or already read; nil while only `storedJSON` is known.
    private var parsed: CloudEvent?
    /// The CloudEvent, identical on every attempt. An event the outbox handed over unparsed (to a sink that
    /// sends the stored bytes as they are, see `EventSink.readsEventAttributes`) is read from `storedJSON`
    /// on each access.
    public var event: CloudEvent {
        get { parsed ?? Self.read(storedJSON ?? []) }
        set {
            parsed = newValue
            storedJSON = nil  // the stored bytes describe the event as it was read
        }
    }
    /// The Kafka topic (ignored by sinks without topics).
    public var topic: String
    /// The record key (the partition key), so one repository's events keep their order.
    public var key: String?
    /// The event in the JSON event format exactly as the outbox stored it (set by the outbox when it reads
    /// an event back), so sinks can send these bytes instead of serialising `event` again. Nil when unknown;
    /// not part of equality.
    public private(set) var storedJSON: [UInt8]?

    public init(event: CloudEvent, topic: String, key: String?, storedJSON: [UInt8]? = nil) {
        self.parsed = event
        self.topic = topic
        self.key = key
        self.storedJSON = storedJSON
    }

    /// An event known only by its stored bytes, which must hold one JSON object; read on first use.
    init(unparsed storedJSON: [UInt8], topic: String, key: String?) {
        self.parsed = nil
        self.topic = topic
        self.key = key
        self.storedJSON = storedJSON
    }

    /// The event in `bytes`; an event without the required attributes reads as one with empty `id`,
    /// `source` and `type` (the outbox only hands such bytes to sinks that never read the attributes).
    private static func read(_ bytes: [UInt8]) -> CloudEvent {
        let event = try? bytes.withUnsafeBufferPointer { try CloudEvent(jsonObject: JSONByteParser.parse($0)) }
        return event ?? CloudEvent(id: "", source: "", type: "")
    }

    public static func == (lhs: OutboundEvent, rhs: OutboundEvent) -> Bool {
        lhs.event == rhs.event && lhs.topic == rhs.topic && lhs.key == rhs.key
    }
}

/// What happened to one event in one delivery attempt.
public enum DeliveryOutcome: Sendable, Equatable {
    /// The sink acknowledged the event.
    case delivered
    /// A transient failure; try again later, not before `retryAfter` seconds when the server said so.
    case retry(reason: String, retryAfter: Double?)
    /// A permanent failure (4xx other than 408/429, non-retriable per-record codes): a dead letter,
    /// with the server's reason.
    case permanent(reason: String)
    /// The sink answered 410 Gone: stop sending to it. The event stays pending.
    case gone(reason: String)
    /// The sink gave no answer (nothing could be sent: no connection, no credentials, deadline passed; or
    /// the request got no HTTP status: timeout, broken connection). The event stays pending and the
    /// attempt is not counted, so an outage of any length turns nothing into a dead letter.
    case notSent(reason: String)

    /// The end of a `.notSent` reason whose event the sink may have stored anyway (a Kafka record reported
    /// possibly persisted): `flush` counts it as a possible duplicate.
    public static let possibleDuplicateNote = "possibly persisted: sent again with the same id (a possible duplicate)"

    /// True when the sink answered with an HTTP status (delivered, permanent, gone or an answered retry).
    public var answered: Bool {
        if case .notSent = self { return false }
        return true
    }
}

/// A destination for events (Kafka REST proxy, CloudEvents HTTP sink, Temporal HTTP API).
///
/// Sinks never throw: every failure is an outcome, so the delivery engine can record it per event.
public protocol EventSink: AnyObject {
    /// Stable name stored in outbox rows: `kafka`, `cloudevents` or `temporal`.
    var name: String { get }
    /// The endpoint identity the circuit breaker is kept for (scheme, host and port).
    var endpoint: String { get }
    /// The most events one `deliver` call takes.
    var maxBatchSize: Int { get }
    /// Whether this sink takes `event` at all (the Temporal sink takes workflow requests only).
    func accepts(_ event: OutboundEvent) -> Bool
    /// True when `accepts` is true for every event, so the outbox can assign events to this sink without
    /// reading them back (defaults to false).
    var acceptsEveryEvent: Bool { get }
    /// False when the sink sends each event's stored JSON as it is and never reads `event`'s attributes, so
    /// the outbox can hand events over without parsing them (defaults to true).
    var readsEventAttributes: Bool { get }
    /// Delivers `batch`, returning exactly one outcome per event, in the same order. Must give up by
    /// `deadline`; an event whose outcome is unknown at the deadline is a `.retry`.
    func deliver(_ batch: [OutboundEvent], deadline: Date) -> [DeliveryOutcome]
    /// The credential values this sink sends (token, password, URL query values): masked in every reason
    /// before it is stored or shown (defaults to none).
    var secrets: [String] { get }
    /// The HTTP status of the request just settled, when the sink knows it (defaults to nil: the code is
    /// then read from the outcomes, see `RequestCode`).
    var lastRequestStatus: Int? { get }
    /// The sink's latest connection problem in its own words (librdkafka's log for the native Kafka sink),
    /// shown once by `flush` when events are left pending (defaults to nil).
    var problem: String? { get }
    /// Called once before delivery when the outbox may hold events for this sink, so slow set-up can start
    /// while the outbox assigns them (defaults to nothing).
    func prepare(deadline: Date)
    /// Delivers `batch` request by request, calling `settle(indices, outcomes)` as soon as each request's
    /// outcome is known (indices into `batch`), so the caller can record it before the next request: a crash
    /// then re-sends at most one request's events. When `settle` returns false the sink sends nothing
    /// more; events it never settled stay pending. The default sends the whole batch and settles it once.
    func deliver(_ batch: [OutboundEvent], deadline: Date, settle: ([Int], [DeliveryOutcome]) -> Bool)
    /// Seconds one `deliver` call may take whatever its deadline (the action runner's longest action
    /// timeout), so the lease of its events outlasts it; nil (the default) for sinks that keep deadlines.
    var longestDelivery: Double? { get }
}

extension EventSink {
    /// Unless a sink says otherwise, the outbox asks `accepts` about each event.
    public var acceptsEveryEvent: Bool { false }
    /// Unless a sink says otherwise, the outbox parses every event it hands over.
    public var readsEventAttributes: Bool { true }
    /// Unless a sink says otherwise, it sends no credentials.
    public var secrets: [String] { [] }
    /// Unless a sink says otherwise, its statuses are read from the outcomes.
    public var lastRequestStatus: Int? { nil }
    /// Unless a sink says otherwise, it has nothing to set up.
    public func prepare(deadline: Date) {}
    /// Unless a sink says otherwise, it reports no connection problem of its own.
    public var problem: String? { nil }
    /// Unless a sink says otherwise, it gives up by its deadline.
    public var longestDelivery: Double? { nil }

    /// The whole batch in one `deliver` call, settled once.
    public func deliver(_ batch: [OutboundEvent], deadline: Date, settle: ([Int], [DeliveryOutcome]) -> Bool) {
        _ = settle(Array(batch.indices), deliver(batch, deadline: deadline))
    }

    /// Collects the outcomes of the request-by-request form into one list (events never settled, because
    /// `settle` never stops here, cannot occur; they would read as not sent).
    func collectOutcomes(_ batch: [OutboundEvent], deadline: Date) -> [DeliveryOutcome] {
        var outcomes = [DeliveryOutcome](repeating: .notSent(reason: "not attempted"), count: batch.count)
        deliver(batch, deadline: deadline) { indices, results in
            for (index, outcome) in zip(indices, results) { outcomes[index] = outcome }
            return true
        }
        return outcomes
    }
}
