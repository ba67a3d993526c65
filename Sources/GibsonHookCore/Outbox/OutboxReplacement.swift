import Foundation
internal import CSQLite

/// A damaged outbox this process moved aside before storing into a fresh one.
public struct OutboxReplacement: Sendable, Equatable, CustomStringConvertible {
    /// The outbox path (now a fresh database).
    public var damaged: String
    /// Where the damaged database (and its `-wal`, `-shm`) went; equal to `damaged` when another process
    /// had already moved it.
    public var movedTo: String
    /// SQLite's reason, e.g. "database disk image is malformed".
    public var reason: String

    public var description: String {
        guard movedTo != damaged else {
            return "the outbox '\(damaged)' was damaged (\(reason)); another gibson-hook moved it aside, this one uses the fresh outbox"
        }
        return "the outbox '\(damaged)' was damaged (\(reason)): moved it to '\(movedTo)' and started a fresh one; "
            + "recover what is readable with: gibson-hook outbox recover '\(movedTo)'"
    }
}

extension OutboxStore {
    /// Database files up to this size get SQLite's `quick_check` at every open (about 2 ms per MiB): a
    /// drained outbox is far smaller. Larger files are checked by reading their header and schema; damage
    /// deeper in them is found when a statement reads the page (then `recoveringFromDamage` acts: storing an
    /// event, and delivering in `flush` and `emit --wait`).
    static let fullCheckBytes = 1 << 20

    /// Opens the database at `path`, checks it is readable, brings its schema up to date and prepares the
    /// insert. Throws `SQLiteError.damaged` for a file that is not a database or fails the check.
    static func openVerified(_ path: String) throws -> (SQLiteDatabase, SQLiteStatement) {
        let database = try SQLiteDatabase(path: path, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        // The last connection to close would otherwise checkpoint the WAL into the database and delete it:
        // two more fsyncs in every short-lived process (a hook stores one event), plus a directory fsync
        // and a WAL header fsync when the next process recreates the file. Kept, one event costs one WAL
        // commit (one fsync); `emptyLargeWAL` checkpoints it once it passes `walCheckpointPages`.
        try database.check(gh_sqlite_db_config_int(database.handle, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1))
        try database.execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;")
        try verify(database, path: path)
        // Older copies of deleted credential rows stay in the WAL until it is checkpointed and emptied.
        if try OutboxSchema.migrate(database), path != ":memory:" { try? database.execute("PRAGMA wal_checkpoint(TRUNCATE)") }
        if path != ":memory:" { emptyLargeWAL(database, path: path) }
        let insert = try database.prepared(
            "INSERT OR IGNORE INTO events(id, source, type, topic, key, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        return (database, insert)
    }

    private static func verify(_ database: SQLiteDatabase, path: String) throws {
        var info = stat()
        let size = stat(path, &info) == 0 ? Int(info.st_size) : 0
        _ = try database.scalarInt("SELECT COUNT(*) FROM sqlite_master")
        guard path != ":memory:", size > 0, size <= fullCheckBytes else { return }
        let problems = try database.prepared("PRAGMA quick_check(3)").rows { $0.text(0) }
        guard problems != ["ok"] else { return }
        // "*** in database main ***" heads the list; the first real problem names a page.
        let lines = problems.joined(separator: "\n").split(separator: "\n").filter { !$0.hasPrefix("***") }
        throw SQLiteError.damaged(path: path, message: "integrity check failed: " + (lines.first.map(String.init) ?? "unknown problem"))
    }

    /// WAL size (pages of 4 KiB) past which opening the outbox checkpoints and empties it.
    static let walCheckpointPages = 200

    /// Checkpoints the WAL into the database and truncates it once it holds more than `walCheckpointPages`
    /// pages. The WAL index does not outlive the last connection, so each process re-reads the whole WAL when
    /// it opens the outbox and sees none of it as checkpointed: SQLite's automatic checkpoint would copy it
    /// again in every process without ever emptying it. Never waits: when another process is reading or
    /// writing, the checkpoint is left to the next one.
    private static func emptyLargeWAL(_ database: SQLiteDatabase, path: String) {
        var info = stat()
        guard stat(path + "-wal", &info) == 0, Int(info.st_size) > walCheckpointPages * (4096 + 24) else { return }
        database.setBusyTimeout(milliseconds: 0)
        defer { database.setBusyTimeout(milliseconds: busyTimeoutMilliseconds) }
        try? database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    }
}
