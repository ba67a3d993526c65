import Foundation
internal import CSQLite

/// The durable local outbox: an SQLite database (WAL, `synchronous=FULL`) holding every event until each
/// configured sink has it, plus a small key-value `state` table shared by short-lived processes (circuit
/// breakers, discovered cluster ids, sinks that answered 410 Gone).
///
/// Events are stored once (`events`); per-sink delivery rows (`deliveries`) are created lazily when a flush
/// runs with that sink configured, so events recorded before any sink existed are still delivered later.
/// `synchronous=FULL` makes each commit survive power loss before `emit` returns: WAL with NORMAL could lose
/// the last commits, which would break the promise that a printed id is durable.
public final class OutboxStore: EventRecorder, KeyValueCache {
    let database: SQLiteDatabase
    let clock: WallClock
    /// Prepared once: the insert is the hot path of `emit --ndjson`.
    private let insertStatement: SQLiteStatement
    /// The configured event triggers, when any (see `fireTriggers`).
    private var triggers: (plan: EventTriggerPlan, makeEvent: (WorkflowRequest) -> OutboundEvent)?
    /// The database path (`:memory:` for tests).
    public let path: String

    /// The schema version this build writes (`PRAGMA user_version`).
    static let schemaVersion = OutboxSchema.version

    /// Opens or creates the outbox at `path`, creating its directory with mode 0700.
    public init(path: String, clock: WallClock = SystemClock()) throws {
        self.path = path
        self.clock = clock
        if path != ":memory:" {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty && !FileManager.default.fileExists(atPath: directory) {
                do {
                    try FileManager.default.createDirectory(
                        atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                } catch {
                    throw SQLiteError.open(path: path, message: "cannot create directory '\(directory)': \(error.localizedDescription)")
                }
            }
        }
        database = try SQLiteDatabase(path: path, busyTimeoutMilliseconds: Self.busyTimeoutMilliseconds)
        // The last connection to close would otherwise checkpoint the WAL into the database and delete it:
        // two more fsyncs in every short-lived process (a hook stores one event), plus a directory fsync
        // and a WAL header fsync when the next process recreates the file. Kept, one event costs one WAL
        // commit (one fsync); `emptyLargeWAL` checkpoints it once it passes `walCheckpointPages`.
        try database.check(gh_sqlite_db_config_int(database.handle, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1))
        try database.execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;")
        try OutboxSchema.migrate(database)
        if path != ":memory:" { Self.emptyLargeWAL(database, path: path) }
        insertStatement = try database.prepared(
            "INSERT OR IGNORE INTO events(id, source, type, topic, key, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
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
        sqlite3_busy_timeout(database.handle, 0)
        defer { sqlite3_busy_timeout(database.handle, busyTimeoutMilliseconds) }
        try? database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    }

    /// How long a statement waits for another process's lock (`SQLiteDatabase`'s default).
    static let busyTimeoutMilliseconds: Int32 = 5000

    /// Stores `events` in one transaction; returns once it is committed. An event whose source and id are
    /// already stored is kept as it was (CloudEvents identity: the same event is never stored twice).
    public func record(_ events: [OutboundEvent]) throws {
        _ = try recordReportingDuplicates(events)
    }

    /// Stores `events` like `record` and returns, in input order, whether each one was already stored.
    public func recordReportingDuplicates(_ events: [OutboundEvent]) throws -> [Bool] {
        guard !events.isEmpty else { return [] }
        let now = clock.now().timeIntervalSince1970
        return try database.writeTransaction {
            try events.map { try !insert($0, body: EventJSONWriter.bytes(of: $0.event), at: now) }
        }
    }

    /// Runs `body` inside one write transaction, for callers that store many events in chunks.
    public func inTransaction<T>(_ body: () throws -> T) throws -> T {
        try database.writeTransaction(body)
    }

    /// Inserts one event; call inside `inTransaction` or `record`.
    public func insert(_ event: OutboundEvent) throws {
        _ = try insert(event, body: EventJSONWriter.bytes(of: event.event), at: clock.now().timeIntervalSince1970)
    }

    /// Stores already serialized events (the NDJSON hot path serializes each event once) in one transaction;
    /// returns, in input order, whether each one was already stored (same source and id).
    func record(serialized events: [(OutboundEvent, [UInt8])]) throws -> [Bool] {
        guard !events.isEmpty else { return [] }
        let now = clock.now().timeIntervalSince1970
        return try database.writeTransaction {
            try events.map { event, body in try !insert(event, body: body, at: now) }
        }
    }

    /// Inserts one event unless its source and id are stored; returns whether it was stored now.
    private func insert(_ event: OutboundEvent, body: [UInt8], at time: Double) throws -> Bool {
        try insertStatement.run([
            .text(event.event.id), .text(event.event.source), .text(event.event.type), .text(event.topic),
            event.key.map(SQLiteValue.text) ?? .null, .utf8(body), .double(time),
        ])
        guard database.changes == 1 else { return false }
        // Triggers fire once per newly stored event, in the same transaction: an event already stored (the
        // same source and id recorded again) triggers nothing.
        guard let triggers, !triggers.plan.isEmpty else { return true }
        for request in triggers.plan.requests(for: event.event, topic: event.topic) {
            let started = triggers.makeEvent(request)
            _ = try insert(started, body: EventJSONWriter.bytes(of: started.event), at: time)
        }
        return true
    }

    /// Fires `plan` for every event stored from now on: each matching event also stores the workflow start
    /// request its trigger asks for, built by `makeEvent`.
    public func fireTriggers(_ plan: EventTriggerPlan, makeEvent: @escaping (WorkflowRequest) -> OutboundEvent) {
        triggers = plan.isEmpty ? nil : (plan, makeEvent)
    }

    // MARK: key-value state

    /// The stored value for `key` in the `state` table.
    public func value(for key: String) -> String? {
        let found = try? database.prepared("SELECT value FROM state WHERE key = ?").rows([.text(key)], limit: 1) { $0.text(0) }
        return found?.first
    }

    /// Stores `value` for `key`; nil removes it. Failures are ignored: the state is a cache.
    public func setValue(_ value: String?, for key: String) {
        if let value {
            try? database.prepared("INSERT INTO state(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
                .run([.text(key), .text(value)])
        } else {
            try? database.prepared("DELETE FROM state WHERE key = ?").run([.text(key)])
        }
    }
}
