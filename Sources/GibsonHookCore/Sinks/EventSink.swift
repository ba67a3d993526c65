import Foundation

/// An event taken from the outbox for one sink: the envelope plus Kafka routing.
public struct OutboundEvent: Sendable, Equatable {
    /// The CloudEvent, identical on every attempt.
    public var event: CloudEvent
    /// The Kafka topic (ignored by sinks without topics).
    public var topic: String
    /// The record key (the partition key), so one repository's events keep their order.
    public var key: String?

    public init(event: CloudEvent, topic: String, key: String?) {
        self.event = event
        self.topic = topic
        self.key = key
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
    /// Delivers `batch`, returning exactly one outcome per event, in the same order. Must give up by
    /// `deadline`; an event whose outcome is unknown at the deadline is a `.retry`.
    func deliver(_ batch: [OutboundEvent], deadline: Date) -> [DeliveryOutcome]
}
