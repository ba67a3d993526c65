/// An event trigger from the design document: when an event matching `event` and `filter` is emitted,
/// record a start of the workflow its `action` names (`gibson:activate`, `gibson:recovery`, `gibson:scale` or
/// `workflow:<type>`); see `EventTriggerPlan`.
public struct EventTrigger: Sendable, Equatable {
    public var name: String
    /// Event type pattern, e.g. `health:check` or a CloudEvents type; `*` matches any.
    public var event: String
    /// `key=value|value` filter on event data, or nil.
    public var filter: String? = nil
    /// Topic the trigger listens on, when it applies to Kafka messages.
    public var topic: String? = nil
    public var action: String

    public init(name: String, event: String, filter: String? = nil, topic: String? = nil, action: String) {
        self.name = name
        self.event = event
        self.filter = filter
        self.topic = topic
        self.action = action
    }
}
