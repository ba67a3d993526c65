/// Commits events to the durable outbox. Returns once they are durable, before any network attempt.
/// Implemented by the outbox; health, recovery and hook use-cases depend only on this.
public protocol EventRecorder: AnyObject {
    /// Stores `events` durably, in order; throws when they could not be stored.
    func record(_ events: [OutboundEvent]) throws
}
