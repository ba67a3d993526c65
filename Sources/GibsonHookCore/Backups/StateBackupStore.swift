import Foundation

/// Backups of Gibson's state directory under `$GIBSON_HOOK_STATE_DIR/gibson-state-backups/<id>/`: a copy of
/// the tree (`tree/`) and `manifest.json` (every entry's kind, mode, size and SHA-256, and one checksum over
/// them). A restore is byte-exact, verifies the backup first and backs up what it replaces.
public struct StateBackupStore {
    /// The directory holding the backups.
    public let directory: String
    /// Gibson's state directory (`gibson.stateDirectory`, expanded).
    public let stateDirectory: String
    let clock: any WallClock
    private var files: FileManager { .default }

    public init(directory: String, stateDirectory: String, clock: any WallClock) {
        self.directory = directory
        self.stateDirectory = stateDirectory
        self.clock = clock
    }

    /// Copies the state directory into a new backup and returns its manifest.
    public func backup() throws -> StateBackup {
        var isDirectory: ObjCBool = false
        guard files.fileExists(atPath: stateDirectory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw StateBackupError.noStateDirectory(stateDirectory)
        }
        let now = clock.now()
        var id = Self.idFormat(now)
        var suffix = 1
        while files.fileExists(atPath: directory + "/" + id) { suffix += 1; id = Self.idFormat(now) + "-\(suffix)" }
        let target = directory + "/" + id
        let tree = target + "/tree"
        try fs(target) { try files.createDirectory(atPath: tree, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700]) }
        let entries = try StateTree.copy(from: stateDirectory, to: tree)
        let backup = StateBackup(id: id, createdAt: now, source: stateDirectory, entries: entries)
        try fs(target) { try PrivateFiles.write(Data(backup.manifestJSON.serialized().utf8), to: target + "/manifest.json") }
        return backup
    }

    /// Every backup, oldest first (directories without a readable manifest are left out).
    public func list() -> [StateBackup] {
        let names = (try? files.contentsOfDirectory(atPath: directory)) ?? []
        return names.compactMap { name in
            guard let data = files.contents(atPath: directory + "/" + name + "/manifest.json"),
                let manifest = try? JSONValue.parse(data), let backup = StateBackup(manifest: manifest), backup.id == name
            else { return nil }
            return backup
        }.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
    }

    /// Checks every file of backup `id` against its manifest; throws `checksumMismatch` on the first difference.
    public func verify(_ id: String) throws -> StateBackup {
        guard let backup = list().first(where: { $0.id == id }) else { throw StateBackupError.unknownBackup(id) }
        guard StateBackup.checksum(of: backup.entries) == backup.checksum else {
            throw StateBackupError.checksumMismatch(id: id, detail: "the manifest was changed")
        }
        let found = try StateTree.entries(of: directory + "/" + id + "/tree")
        let expected = Dictionary(backup.entries.map { ($0.path, $0) }) { first, _ in first }
        for entry in found where expected[entry.path] != entry {
            throw StateBackupError.checksumMismatch(id: id, detail: "'\(entry.path)' differs from the manifest")
        }
        if let missing = backup.entries.first(where: { entry in !found.contains { $0.path == entry.path } }) {
            throw StateBackupError.checksumMismatch(id: id, detail: "'\(missing.path)' is missing")
        }
        return backup
    }

    /// Restores backup `id` byte for byte, after verifying it and backing up the current state (returned).
    public func restore(_ id: String) throws -> (restored: StateBackup, previous: StateBackup?) {
        let backup = try verify(id)
        let previous = files.fileExists(atPath: stateDirectory) ? try self.backup() : nil
        let staging = stateDirectory + ".restore-\(getpid())"
        try? files.removeItem(atPath: staging)
        try fs(staging) { try files.createDirectory(atPath: staging, withIntermediateDirectories: true) }
        _ = try StateTree.copy(from: directory + "/" + id + "/tree", to: staging)
        let mode = backup.entries.first { $0.path == "." }?.mode ?? 0o700
        _ = chmod(staging, mode_t(mode))
        try? files.removeItem(atPath: stateDirectory)
        guard rename(staging, stateDirectory) == 0 else {
            throw StateBackupError.fileSystem(path: stateDirectory, reason: String(cString: strerror(errno)))
        }
        return (backup, previous)
    }

    /// Makes a backup, then removes what `retention` (`gibson.backups`) no longer keeps, never the new backup
    /// itself (whatever `keep` and `maxAge` say). A failure to remove an old backup does not undo the new one: it
    /// is returned as `pruneProblem`.
    public func backup(keeping retention: BackupSettings) throws
        -> (made: StateBackup, removed: [StateBackup], pruneProblem: StateBackupError?)
    {
        let made = try backup()
        do {
            return (made, try prune(keep: max(1, retention.keep), maxAge: retention.maxAge?.seconds, sparing: made.id), nil)
        } catch let problem as StateBackupError {
            return (made, [], problem)
        }
    }

    /// Removes backups beyond the newest `keep` and those older than `maxAge` seconds (when given); returns them.
    public func prune(keep: Int, maxAge: Double?, sparing spared: String? = nil) throws -> [StateBackup] {
        let all = list().filter { $0.id != spared }
        let keep = spared == nil ? keep : keep - 1
        let now = clock.now().timeIntervalSince1970
        let removed = all.enumerated().filter { index, backup in
            index < all.count - max(0, keep) || (maxAge.map { now - backup.createdAt.timeIntervalSince1970 > $0 } ?? false)
        }.map(\.element)
        for backup in removed {
            try fs(directory + "/" + backup.id) { try files.removeItem(atPath: directory + "/" + backup.id) }
        }
        return removed
    }

    static func idFormat(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }

    private func fs(_ path: String, _ body: () throws -> Void) throws {
        do { try body() } catch let error as StateBackupError { throw error } catch {
            throw StateBackupError.fileSystem(path: path, reason: (error as NSError).localizedDescription)
        }
    }
}
