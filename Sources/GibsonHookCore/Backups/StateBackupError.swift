/// Why a state backup, restore or prune did not happen.
public enum StateBackupError: Error, Equatable, CustomStringConvertible {
    /// No backup has this id.
    case unknownBackup(String)
    /// The backup's files do not match its manifest: it is refused, nothing was changed.
    case checksumMismatch(id: String, detail: String)
    /// There is nothing to back up.
    case noStateDirectory(String)
    /// A file operation failed.
    case fileSystem(path: String, reason: String)

    public var description: String {
        switch self {
        case .unknownBackup(let id): return "no state backup has id '\(id)'; run 'gibson-hook state list' to see them"
        case .checksumMismatch(let id, let detail):
            return "state backup '\(id)' failed its checksum (\(detail)); it was not restored and nothing was changed"
        case .noStateDirectory(let path): return "gibson's state directory '\(path)' does not exist; there is nothing to back up"
        case .fileSystem(let path, let reason): return "could not write '\(path)': \(reason)"
        }
    }
}
