/// The outbox's tables and their migrations (`PRAGMA user_version`).
///
/// Version 2 keys events by CloudEvents identity, `source` + `id` (version 1 had `id` alone, so an event
/// whose id another source had used was dropped). Migrating keeps every row, its `seq` and the sequence's
/// high-water mark: delivery rows point at `seq`, and each sink's materialisation resumes after the largest
/// `seq` it has seen, so a reused number would never be delivered.
///
/// Version 3 removes the `state` rows whose key held a sink URL with its user info (`http://user:password@…`):
/// older builds keyed the Kafka REST v3 cluster id and the Temporal path prefix by the whole URL. The rows are
/// a cache (rediscovered on the next delivery), and `secure_delete` overwrites their bytes in the file.
enum OutboxSchema {
    /// The schema version this build writes.
    static let version = 3

    /// Brings `database` to `version` in one write transaction; a newer schema is refused. Returns whether
    /// rows holding credentials were deleted (the caller then empties the WAL, where older copies remain).
    @discardableResult
    static func migrate(_ database: SQLiteDatabase) throws -> Bool {
        // Already migrated (every open but the first): a plain read, no write lock, no transaction.
        if try database.scalarInt("PRAGMA user_version") == version { return false }
        var scrubbed = false
        try database.writeTransaction {
            let current = try database.scalarInt("PRAGMA user_version")
            if current > version { throw SQLiteError.unsupportedSchema(version: current) }
            if current < 1 {
                try database.execute(eventsTable("events") + """
                    CREATE TABLE deliveries(
                        sink TEXT NOT NULL, seq INTEGER NOT NULL, state TEXT NOT NULL DEFAULT 'pending',
                        attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, next_attempt_at REAL NOT NULL DEFAULT 0,
                        lease_owner TEXT, lease_until REAL, updated_at REAL NOT NULL,
                        PRIMARY KEY(sink, seq)) WITHOUT ROWID;
                    CREATE INDEX deliveries_pending ON deliveries(sink, seq) WHERE state = 'pending';
                    CREATE INDEX deliveries_by_event ON deliveries(seq);
                    CREATE TABLE state(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
                    """)
            } else {
                if current == 1 { try keyEventsBySource(database) }
                if current <= 2 { scrubbed = try dropCredentialKeys(database) }
            }
            try database.execute("PRAGMA user_version = \(version)")
        }
        return scrubbed
    }

    /// The events table; `UNIQUE(id, source)` also serves lookups by id alone (`outbox show`).
    private static func eventsTable(_ name: String) -> String {
        """
        CREATE TABLE \(name)(
            seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL, source TEXT NOT NULL, type TEXT NOT NULL,
            topic TEXT NOT NULL, key TEXT, body TEXT NOT NULL, created_at REAL NOT NULL, UNIQUE(id, source));

        """
    }

    /// Version 1 to 2: rebuilds `events` with a `source` column read from each stored body.
    private static func keyEventsBySource(_ database: SQLiteDatabase) throws {
        let highWater = try database.scalarInt("SELECT COALESCE(MAX(seq), 0) FROM sqlite_sequence WHERE name = 'events'")
        try database.execute(eventsTable("events_v2") + """
            INSERT INTO events_v2(seq, id, source, type, topic, key, body, created_at)
                SELECT seq, id, COALESCE(CASE WHEN json_valid(body) THEN json_extract(body, '$.source') END, ''),
                    type, topic, key, body, created_at FROM events ORDER BY seq;
            DROP TABLE events;
            ALTER TABLE events_v2 RENAME TO events;
            """)
        try database.prepared("UPDATE sqlite_sequence SET seq = MAX(seq, ?) WHERE name = 'events'").run([.int(highWater)])
        if database.changes == 0, highWater > 0 {
            try database.prepared("INSERT INTO sqlite_sequence(name, seq) VALUES ('events', ?)").run([.int(highWater)])
        }
    }

    /// Version 2 to 3: deletes cache keys that carry a URL's user info, overwriting the freed bytes.
    private static func dropCredentialKeys(_ database: SQLiteDatabase) throws -> Bool {
        try database.execute("PRAGMA secure_delete = ON; DELETE FROM state WHERE key LIKE '%://%@%';")
        let deleted = database.changes > 0
        try database.execute("PRAGMA secure_delete = OFF")
        return deleted
    }
}
