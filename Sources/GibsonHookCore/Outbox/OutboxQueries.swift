import Foundation

/// One row of `outbox list`: an event and its state for one sink (sink nil: no sink has it yet).
public struct OutboxEntry: Sendable, Equatable {
    public var id: String
    public var type: String
    public var topic: String
    public var key: String?
    public var createdAt: Date
    /// The sink this row is for; nil while the event waits for a sink to be configured.
    public var sink: String?
    /// `pending`, `delivered` or `dead`.
    public var state: String
    public var attempts: Int
    public var lastError: String?
    /// When the next attempt may happen (pending rows that failed before).
    public var nextAttemptAt: Date?

    /// The `--json` form.
    public var jsonValue: JSONValue {
        [
            "id": .string(id), "type": .string(type), "topic": .string(topic), "key": key.map { .string($0) } ?? .null,
            "createdAt": .string(EventStamp.rfc3339(createdAt)), "sink": sink.map { .string($0) } ?? .null,
            "state": .string(state), "attempts": .integer(Int64(attempts)),
            "lastError": lastError.map { .string($0) } ?? .null,
            "nextAttemptAt": nextAttemptAt.map { .string(EventStamp.rfc3339($0)) } ?? .null,
        ]
    }
}

/// Which rows `outbox purge` removes.
public enum OutboxPurgeScope: String, Sendable, CaseIterable {
    /// Dead letters only.
    case dead
    /// Delivered rows only.
    case delivered
    /// Everything, pending events included.
    case all
}

/// Errors of the outbox commands.
public enum OutboxError: Error, Equatable, CustomStringConvertible {
    /// No stored event has this id.
    case unknownEvent(String)
    /// The event has no dead delivery to retry.
    case notDead(String)
    /// `--state` was not pending, delivered or dead.
    case invalidState(String)
    /// Events of several sources share the id (CloudEvents identity is source + id): `--source` picks one.
    case ambiguousEvent(String, sources: [String])

    public var description: String {
        switch self {
        case .unknownEvent(let id): return "no event with id '\(id)' in the outbox: list them with `gibson-hook outbox list`"
        case .notDead(let id): return "event '\(id)' has no dead delivery to retry"
        case .invalidState(let state): return "unknown state '\(state)': use pending, delivered or dead"
        case .ambiguousEvent(let id, let sources):
            return "\(sources.count) events have the id '\(id)', from the sources "
                + sources.map { "'\($0)'" }.joined(separator: ", ") + ": choose one with --source"
        }
    }
}

extension OutboxStore {
    /// Rows in storage order, filtered by state and sink.
    public func list(
        state: String? = nil, sink: String? = nil, id: String? = nil, source: String? = nil, limit: Int = 100
    ) throws -> [OutboxEntry] {
        if let state, !["pending", "delivered", "dead"].contains(state) { throw OutboxError.invalidState(state) }
        let statement = try database.prepared("""
            SELECT e.id, e.type, e.topic, e.key, e.created_at, d.sink, COALESCE(d.state, 'pending'),
                   COALESCE(d.attempts, 0), d.last_error, d.next_attempt_at
            FROM events e LEFT JOIN deliveries d ON d.seq = e.seq
            WHERE (?1 IS NULL OR COALESCE(d.state, 'pending') = ?1) AND (?2 IS NULL OR d.sink = ?2) AND (?3 IS NULL OR e.id = ?3)
                AND (?5 IS NULL OR e.source = ?5)
            ORDER BY e.seq, d.sink LIMIT ?4
            """)
        return try statement.rows([
            state.map(SQLiteValue.text) ?? .null, sink.map(SQLiteValue.text) ?? .null, id.map(SQLiteValue.text) ?? .null,
            .int(limit), source.map(SQLiteValue.text) ?? .null,
        ]) { row in
            let next = row.isNull(9) ? 0 : row.double(9)
            return OutboxEntry(
                id: row.text(0) ?? "", type: row.text(1) ?? "", topic: row.text(2) ?? "", key: row.text(3),
                createdAt: Date(timeIntervalSince1970: row.double(4)), sink: row.text(5), state: row.text(6) ?? "pending",
                attempts: row.int(7), lastError: row.text(8), nextAttemptAt: next > 0 ? Date(timeIntervalSince1970: next) : nil)
        }
    }

    /// The stored event with `id` (and `source`, which must be given when events of several sources share
    /// the id) and its rows; throws `unknownEvent` when there is none, `ambiguousEvent` when it is not one.
    public func show(id: String, source: String? = nil) throws -> (event: OutboundEvent, deliveries: [OutboxEntry]) {
        let statement = try database.prepared("SELECT topic, key, body, source FROM events WHERE id = ?1 AND (?2 IS NULL OR source = ?2) ORDER BY seq")
        let found = try statement.rows([.text(id), source.map(SQLiteValue.text) ?? .null]) { row in
            (try Self.decode(row, body: 2, topic: 0, key: 1), row.text(3) ?? "")
        }
        guard let (event, eventSource) = found.first else { throw OutboxError.unknownEvent(id) }
        guard found.count == 1 else { throw OutboxError.ambiguousEvent(id, sources: found.map(\.1)) }
        return (event, try list(id: id, source: eventSource, limit: 1000))
    }

    /// Makes the dead rows of `ids` pending again with a fresh attempt count; returns how many rows changed.
    @discardableResult
    public func retry(ids: [String]) throws -> Int {
        try database.writeTransaction {
            var total = 0
            for id in ids {
                guard try database.scalarInt("SELECT COUNT(*) FROM events WHERE id = ?", [.text(id)]) > 0 else {
                    throw OutboxError.unknownEvent(id)
                }
                try database.prepared("""
                    UPDATE deliveries SET state = 'pending', attempts = 0, next_attempt_at = 0, updated_at = ?
                    WHERE state = 'dead' AND seq IN (SELECT seq FROM events WHERE id = ?)
                    """).run([.double(clock.now().timeIntervalSince1970), .text(id)])
                guard database.changes > 0 else { throw OutboxError.notDead(id) }
                total += database.changes
            }
            return total
        }
    }

    /// Makes every dead row pending again; returns how many.
    @discardableResult
    public func retryAllDead() throws -> Int {
        try database.writeTransaction {
            try database.prepared("UPDATE deliveries SET state = 'pending', attempts = 0, next_attempt_at = 0, updated_at = ? WHERE state = 'dead'")
                .run([.double(clock.now().timeIntervalSince1970)])
            return database.changes
        }
    }

    /// Removes rows in `scope`, and events left with no row; returns how many events were removed.
    @discardableResult
    public func purge(_ scope: OutboxPurgeScope) throws -> Int {
        try database.writeTransaction {
            if scope == .all {
                try database.execute("DELETE FROM deliveries")
                try database.execute("DELETE FROM events")
                return database.changes
            }
            let state = SQLiteValue.text(scope.rawValue)
            try database.prepared("""
                DELETE FROM events WHERE seq IN (SELECT seq FROM deliveries WHERE state = ?1)
                AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.seq = events.seq AND d.state != ?1)
                """).run([state])
            let removed = database.changes
            try database.prepared("DELETE FROM deliveries WHERE state = ?").run([state])
            return removed
        }
    }

    /// Removes events delivered to every sink that has them, last delivered before `cutoff`.
    @discardableResult
    public func prune(deliveredBefore cutoff: Date) throws -> Int {
        try database.writeTransaction {
            try database.prepared("""
                DELETE FROM events WHERE seq IN (
                    SELECT seq FROM deliveries GROUP BY seq
                    HAVING SUM(state != 'delivered') = 0 AND MAX(updated_at) < ?)
                """).run([.double(cutoff.timeIntervalSince1970)])
            let removed = database.changes
            if removed > 0 {
                try database.execute("DELETE FROM deliveries WHERE seq NOT IN (SELECT seq FROM events)")
            }
            return removed
        }
    }

    /// Row counts by state (events without any row count as pending).
    public func counts() throws -> [String: Int] {
        var result = ["pending": try unassignedCount(), "delivered": 0, "dead": 0]
        let statement = try database.prepared("SELECT state, COUNT(*) FROM deliveries GROUP BY state")
        for (state, count) in try statement.rows([], { ($0.text(0) ?? "", $0.int(1)) }) { result[state, default: 0] += count }
        return result
    }
}
