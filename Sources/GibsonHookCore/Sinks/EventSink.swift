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
}

extension EventSink {
    /// Unless a sink says otherwise, the outbox asks `accepts` about each event.
    public var acceptsEveryEvent: Bool { false }
    /// Unless a sink says otherwise, the outbox parses every event it hands over.
    public var readsEventAttributes: Bool { true }
}
