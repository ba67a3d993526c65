/// How many backups of Gibson's state directory are kept (`gibson.backups`). Applied after every backup, by
/// `state backup` and by recovery, and the defaults of `state prune`.
public struct BackupSettings: Sendable, Equatable {
    /// The newest backups kept.
    public var keep = 10
    /// Backups older than this are removed even when among the newest `keep`; nil keeps them by count only.
    public var maxAge: DurationValue? = nil

    public init() {}
}
