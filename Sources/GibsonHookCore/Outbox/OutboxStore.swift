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
    /// The open connection; replaced by a fresh database when the file turns out to be damaged.
    private(set) var database: SQLiteDatabase
    let clock: WallClock
    /// Prepared once: the insert is the hot path of `emit --ndjson`.
    private var insertStatement: SQLiteStatement
    /// The configured event triggers, when any (see `fireTriggers`).
    var triggers: (plan: EventTriggerPlan, makeEvent: (TriggerEffect) -> OutboundEvent)?
    /// Triggers skipped because the event they matched was their own (see `TriggerLoop`), oldest first;
    /// the caller reports and clears them.
    public var triggerLoops: [TriggerLoop] = []
    /// Effects not stored because an event with their id was already stored (one effect per event source,
    /// id and trigger, so this is the same effect again), oldest first; the caller reports and clears them.
    public var ignoredEffects: [String] = []
    /// The database path (`:memory:` for tests).
    public let path: String
    /// Set when this process found the database damaged and moved it aside (see `OutboxReplacement`).
    public private(set) var replacement: OutboxReplacement?
    /// Told about a replacement at once, so the command can say so even when it fails later.
    private let onReplaced: ((OutboxReplacement) -> Void)?
    /// The device and inode opened, so a damaged file another process already replaced is not moved again.
    private var openedFile: (dev_t, ino_t)?

    /// The schema version this build writes (`PRAGMA user_version`).
    static let schemaVersion = OutboxSchema.version

    /// Opens or creates the outbox at `path`, creating its directory with mode 0700; the database and its
    /// WAL files are 0600, and `privateDirectory` (the state directory) is made 0700. A damaged database is
    /// moved aside and a fresh one created (`replacement`, `onReplaced`).
    public init(
        path: String, clock: WallClock = SystemClock(), privateDirectory: String? = nil,
        onReplaced: ((OutboxReplacement) -> Void)? = nil
    ) throws {
        self.path = path
        self.clock = clock
        self.onReplaced = onReplaced
        if path != ":memory:" { try OutboxFiles.prepare(path, privateDirectory: privateDirectory) }
        openedFile = OutboxFiles.identity(of: path)
        do {
            (database, insertStatement) = try Self.openVerified(path)
        } catch let error as SQLiteError where error.isDamage && path != ":memory:" {
            let moved = try OutboxFiles.moveAside(path, now: clock.now())
            try OutboxFiles.prepare(path, privateDirectory: nil)
            openedFile = OutboxFiles.identity(of: path)
            (database, insertStatement) = try Self.openVerified(path)
            report(OutboxReplacement(damaged: path, movedTo: moved, reason: Self.reason(error)))
        }
    }

    private func report(_ replaced: OutboxReplacement) {
        replacement = replaced
        onReplaced?(replaced)
    }

    private static func reason(_ error: SQLiteError) -> String {
        if case .damaged(_, let message) = error { return message }
        return error.description
    }

    /// Runs `body`; when it finds the database damaged (once per process), moves the file aside, opens a
    /// fresh one and runs `body` again there, so the event being stored is kept.
    func recoveringFromDamage<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as SQLiteError where error.isDamage && path != ":memory:" && replacement == nil {
            // Another process may have replaced the file already: then only reopen.
            var moved = path
            if let opened = openedFile, let current = OutboxFiles.identity(of: path), opened == current {
                moved = try OutboxFiles.moveAside(path, now: clock.now())
            }
            try OutboxFiles.prepare(path, privateDirectory: nil)
            openedFile = OutboxFiles.identity(of: path)
            (database, insertStatement) = try Self.openVerified(path)
            report(OutboxReplacement(damaged: path, movedTo: moved, reason: Self.reason(error)))
            return try body()
        }
    }

    /// How long a statement waits for another process's lock (`SQLiteDatabase`'s default). A write holds the
    /// lock for one commit (one fsync), so only a process stopped inside a transaction makes others wait this long.
    static let busyTimeoutMilliseconds: Int32 = 10_000

    /// Stores `events` in one transaction; returns once it is committed. An event whose source and id are
    /// already stored is kept as it was (CloudEvents identity: the same event is never stored twice).
    public func record(_ events: [OutboundEvent]) throws {
        _ = try recordReportingDuplicates(events)
    }

    /// Stores `events` like `record` and returns, in input order, whether each one was already stored.
    public func recordReportingDuplicates(_ events: [OutboundEvent]) throws -> [Bool] {
        guard !events.isEmpty else { return [] }
        let now = clock.now().timeIntervalSince1970
        return try recoveringFromDamage {
            try database.writeTransaction {
                try events.map { try !insert($0, body: EventJSONWriter.bytes(of: $0.event), at: now) }
            }
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
        return try recoveringFromDamage {
            try database.writeTransaction {
                try events.map { event, body in try !insert(event, body: body, at: now) }
            }
        }
    }

    /// Inserts one event unless its source and id are stored; returns whether it was stored now.
    func insert(_ event: OutboundEvent, body: [UInt8], at time: Double) throws -> Bool {
        try insertStatement.run([
            .text(event.event.id), .text(event.event.source), .text(event.event.type), .text(event.topic),
            event.key.map(SQLiteValue.text) ?? .null, .utf8(body), .double(time),
        ])
        guard database.changes == 1 else { return false }
        // Triggers fire once per newly stored event, in the same transaction: an event already stored (the
        // same source and id recorded again) triggers nothing.
        try storeEffects(of: event.event, topic: event.topic, origin: nil, at: time)
        return true
    }

    /// Stores the events the triggers ask for when `event` (on `topic`, from `origin`) is new; call inside
    /// the transaction that stores or receives it. Effects that are events themselves (a republished copy)
    /// fire triggers in turn, until a trigger meets an event it made (a loop, kept in `triggerLoops`).
    @discardableResult
    func storeEffects(of event: CloudEvent, topic: String, origin: String?, at time: Double) throws -> Int {
        guard let triggers, !triggers.plan.isEmpty else { return 0 }
        let fired = triggers.plan.effects(for: event, topic: topic, origin: origin)
        triggerLoops += fired.loops
        var stored = 0
        for effect in fired.effects {
            let started = triggers.makeEvent(effect)
            if try insert(started, body: EventJSONWriter.bytes(of: started.event), at: time) {
                stored += 1
            } else {
                ignoredEffects.append(
                    "event '\(event.id)' from '\(event.source)': effect '\(started.event.id)' was not stored: an event with that id is already stored")
            }
        }
        return stored
    }

    /// Fires `plan` for every event stored or received from now on: each effect a matching event asks for is
    /// stored as the event `makeEvent` builds.
    public func fireTriggers(_ plan: EventTriggerPlan, makeEvent: @escaping (TriggerEffect) -> OutboundEvent) {
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
