/// A small persistent string store the sinks use to remember what they discovered
/// (a Kafka REST v3 cluster id, whether a Temporal server wants the `/api/v1` prefix),
/// so short-lived processes don't rediscover it on every run.
public protocol KeyValueCache: AnyObject {
    /// The stored value for `key`, or nil when nothing is stored.
    func value(for key: String) -> String?
    /// Stores `value` for `key`; nil removes the entry.
    func setValue(_ value: String?, for key: String)
}
