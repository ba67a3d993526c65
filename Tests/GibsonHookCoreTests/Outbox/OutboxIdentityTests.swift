import Foundation
import Testing
@testable import GibsonHookCore

/// CloudEvents identity is source + id: the outbox keys events by both and migrates version 1 files.
@Suite struct OutboxIdentityTests {
    let clock = ManualClock()
    let outbox = TemporaryOutbox()

    func event(_ id: String, source: String) -> OutboundEvent {
        OutboundEvent(event: CloudEvent(id: id, source: source, type: "com.example.t", data: ["s": .string(source)]), topic: "t", key: "k")
    }

    @Test func theSameIdFromAnotherSourceIsStoredAndAnExactDuplicateIsReported() throws {
        let store = try outbox.open(clock: clock)
        #expect(try store.recordReportingDuplicates([event("1", source: "/a"), event("1", source: "/b")]) == [false, false])
        #expect(try store.recordReportingDuplicates([event("1", source: "/a"), event("2", source: "/a")]) == [true, false])
        #expect(try store.list().map(\.id) == ["1", "1", "2"])
    }

    @Test func retryingAnIdRetriesTheDeadLettersOfEverySourceThatUsedIt() throws {
        let store = try outbox.open(clock: clock)
        try store.record([event("same", source: "/a"), event("same", source: "/b")])
        let sink = ScriptedSink()
        sink.respond = { _, _ in .permanent(reason: "400") }
        _ = try Deliverer(store: store, sinks: [sink], configuration: Configuration(), clock: clock).run(deadline: clock.now().addingTimeInterval(1))
        #expect(try store.list(state: "dead").count == 2)
        #expect(try store.retry(ids: ["same"]) == 2)
        #expect(try store.list(state: "pending").count == 2)
    }

    @Test func aVersionOneOutboxIsMigratedKeepingRowsSequenceAndDeliveries() throws {
        try FileManager.default.createDirectory(atPath: (outbox.path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let old = try SQLiteDatabase(path: outbox.path)
        try old.execute("""
            CREATE TABLE events(
                seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, type TEXT NOT NULL,
                topic TEXT NOT NULL, key TEXT, body TEXT NOT NULL, created_at REAL NOT NULL);
            CREATE TABLE deliveries(
                sink TEXT NOT NULL, seq INTEGER NOT NULL, state TEXT NOT NULL DEFAULT 'pending',
                attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, next_attempt_at REAL NOT NULL DEFAULT 0,
                lease_owner TEXT, lease_until REAL, updated_at REAL NOT NULL, PRIMARY KEY(sink, seq)) WITHOUT ROWID;
            CREATE INDEX deliveries_pending ON deliveries(sink, seq) WHERE state = 'pending';
            CREATE INDEX deliveries_by_event ON deliveries(seq);
            CREATE TABLE state(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
            INSERT INTO events(id, type, topic, key, body, created_at) VALUES
                ('old-1', 'com.example.t', 't', 'k', '{"specversion":"1.0","id":"old-1","source":"/a","type":"com.example.t"}', 1),
                ('old-2', 'com.example.t', 't', 'k', '{"specversion":"1.0","id":"old-2","source":"/a","type":"com.example.t"}', 2),
                ('old-3', 'com.example.t', 't', 'k', '{"specversion":"1.0","id":"old-3","source":"/a","type":"com.example.t"}', 3);
            INSERT INTO deliveries(sink, seq, state, updated_at) VALUES ('fake', 1, 'delivered', 1);
            DELETE FROM events WHERE seq = 3;
            PRAGMA user_version = 1;
            """)
        let store = try outbox.open(clock: clock)
        #expect(try store.database.scalarInt("PRAGMA user_version") == OutboxStore.schemaVersion)
        #expect(try store.list().map(\.id) == ["old-1", "old-2"])
        #expect(try store.database.scalarInt("SELECT COUNT(*) FROM deliveries WHERE seq = 1 AND state = 'delivered'") == 1)
        // The sequence continues after the highest number ever given (3), not after the highest kept (2).
        #expect(try store.recordReportingDuplicates([event("old-1", source: "/a"), event("old-1", source: "/b")]) == [true, false])
        let seqs = try store.database.prepared("SELECT seq FROM events ORDER BY seq").rows { $0.int(0) }
        #expect(seqs.count == 3 && seqs[0] == 1 && seqs[1] == 2 && seqs[2] > 3)
        _ = old
    }
}
