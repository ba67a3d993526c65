/// The durable SQLite outbox.
public struct OutboxSettings: Sendable, Equatable {
    /// Database path; nil means `$GIBSON_HOOK_STATE_DIR/outbox.sqlite3`.
    public var path: String? = nil
    /// How long delivered rows are kept.
    public var retention = DurationValue.days(7)
    /// Attempts before an event becomes a dead letter.
    public var maxAttempts = 10

    public init() {}
}
