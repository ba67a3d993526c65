import Foundation

/// The outbox's files on disk: private modes, and moving a damaged database aside.
///
/// The database, its `-wal` and `-shm` are 0600 and the state directory 0700, also when they existed with
/// wider modes (fixed at every open: events and breaker state may name hosts and repositories). A damaged
/// database is renamed, never deleted, to `<path>.damaged-<UTC time>` with its `-wal` and `-shm` renamed
/// alike, so SQLite (and `gibson-hook outbox recover`) still reads the damaged file with its WAL.
enum OutboxFiles {
    /// The files SQLite keeps for the database at `path`.
    static func companions(of path: String) -> [String] { [path, path + "-wal", path + "-shm"] }

    /// Creates the directory of `path` (0700) when missing, makes `privateDirectory` 0700 when given, and
    /// makes the database 0600 before SQLite opens it (SQLite gives the `-wal` and `-shm` the mode of the
    /// database file).
    static func prepare(_ path: String, privateDirectory: String?) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty && !FileManager.default.fileExists(atPath: directory) {
            do {
                try FileManager.default.createDirectory(
                    atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw SQLiteError.open(path: path, message: "cannot create directory '\(directory)': \(error.localizedDescription)")
            }
        }
        if let privateDirectory { PrivateFiles.restrict(privateDirectory, to: 0o700) }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        if descriptor >= 0 { close(descriptor) }
        for file in companions(of: path) { PrivateFiles.restrict(file, to: 0o600) }
    }

    /// The device and inode of `path`, to tell whether another process already replaced the file.
    static func identity(of path: String) -> (dev_t, ino_t)? {
        var info = stat()
        return stat(path, &info) == 0 ? (info.st_dev, info.st_ino) : nil
    }

    /// Renames the database at `path` and its companions to `<path>.damaged-<time>` (a new name each time)
    /// and returns the new database path.
    static func moveAside(_ path: String, now: Date) throws -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let base = path + ".damaged-" + formatter.string(from: now)
        var target = base
        var counter = 1
        while FileManager.default.fileExists(atPath: target) {
            counter += 1
            target = base + "-\(counter)"
        }
        guard rename(path, target) == 0 else {
            throw SQLiteError.open(path: path, message: "it is damaged and cannot be moved aside to '\(target)': \(String(cString: strerror(errno)))")
        }
        for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            _ = rename(path + suffix, target + suffix)
        }
        return target
    }
}
