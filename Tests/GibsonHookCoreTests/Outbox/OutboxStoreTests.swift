import Foundation
import Testing
@testable import GibsonHookCore

@Suite struct OutboxStoreTests {
    let clock = ManualClock()
    let outbox = TemporaryOutbox()

    @Test func createsAPrivateDirectoryAndAWALDatabase() throws {
        let store = try outbox.open(clock: clock)
        let attributes = try FileManager.default.attributesOfItem(atPath: (outbox.path as NSString).deletingLastPathComponent)
        #expect((attributes[.posixPermissions] as? Int) == 0o700)
        #expect(try store.database.prepared("PRAGMA journal_mode").rows { $0.text(0) } == ["wal"])
        #expect(try store.database.scalarInt("PRAGMA user_version") == OutboxStore.schemaVersion)
    }

    @Test func refusesADatabaseFromANewerVersion() throws {
        let store = try outbox.open(clock: clock)
        try store.database.execute("PRAGMA user_version = 99")
        #expect(throws: SQLiteError.unsupportedSchema(version: 99)) { try outbox.open(clock: clock) }
    }

    @Test func recordedEventsArePendingUntilASinkTakesThem() throws {
        let store = try outbox.open(clock: clock)
        try store.record([outboxEvent("e1"), outboxEvent("e2")])
        let rows = try store.list()
        #expect(rows.map(\.id) == ["e1", "e2"])
        #expect(rows.allSatisfy { $0.state == "pending" && $0.sink == nil })
        #expect(try store.counts() == ["pending": 2, "delivered": 0, "dead": 0])
    }

    @Test func anEventIdIsStoredOnceAndKeepsItsFirstContent() throws {
        let store = try outbox.open(clock: clock)
        try store.record([outboxEvent("same", key: "first")])
        try store.record([outboxEvent("same", key: "second")])
        let shown = try store.show(id: "same")
        #expect(shown.event.key == "first")
        #expect(try store.list().count == 1)
    }

    @Test func twoConnectionsNeverLeaseTheSameRow() throws {
        let first = try outbox.open(clock: clock)
        let second = try outbox.open(clock: clock)
        try first.record((1...4).map { outboxEvent("e\($0)", key: "k\($0)") })
        let sink = ScriptedSink()
        try first.materialize(sink: sink)
        let until = clock.now().addingTimeInterval(60)
        let a = try first.claim(sink: "fake", limit: 2, owner: OutboxStore.leaseOwner(), leaseUntil: until)
        let b = try second.claim(sink: "fake", limit: 10, owner: "elsewhere:1:1", leaseUntil: until)
        #expect(a.map(\.outbound.event.id) == ["e1", "e2"])
        #expect(b.map(\.outbound.event.id) == ["e3", "e4"])
        #expect(try second.claim(sink: "fake", limit: 10, owner: "elsewhere:1:2", leaseUntil: until).isEmpty)
    }

    @Test func expiredLeasesAndLeasesOfDeadProcessesAreTakenOver() throws {
        let store = try outbox.open(clock: clock)
        try store.record([outboxEvent("e1", key: "a"), outboxEvent("e2", key: "b")])
        try store.materialize(sink: ScriptedSink())
        _ = try store.claim(sink: "fake", limit: 1, owner: "otherhost:1:1", leaseUntil: clock.now().addingTimeInterval(30))
        // A process on this host that no longer exists (pid beyond pid_max) holds e2.
        _ = try store.claim(sink: "fake", limit: 1, owner: "\(EventStamp.hostName):99999999:1", leaseUntil: clock.now().addingTimeInterval(30))
        #expect(try store.claim(sink: "fake", limit: 5, owner: "me:1:1", leaseUntil: clock.now()).map(\.outbound.event.id) == ["e2"])
        clock.advance(31)
        #expect(try store.claim(sink: "fake", limit: 5, owner: "me:1:2", leaseUntil: clock.now()).map(\.outbound.event.id) == ["e1", "e2"])
    }

    @Test func deliveredEventsArePrunedAfterRetentionDeadOnesStay() throws {
        let store = try outbox.open(clock: clock)
        try store.record([outboxEvent("ok", key: "a"), outboxEvent("bad", key: "b"), outboxEvent("waiting", key: "c")])
        let sink = ScriptedSink()
        sink.respond = { event, _ in
            event.event.id == "ok" ? .delivered : event.event.id == "bad" ? .permanent(reason: "400") : .retry(reason: "503", retryAfter: 100)
        }
        _ = try Deliverer(store: store, sinks: [sink], configuration: Configuration(), clock: clock).run(deadline: clock.now().addingTimeInterval(1))
        #expect(try store.prune(deliveredBefore: clock.now().addingTimeInterval(-1)) == 0)
        clock.advance(8 * 86_400)
        #expect(try store.prune(deliveredBefore: clock.now().addingTimeInterval(-7 * 86_400)) == 1)
        #expect(try store.list().map(\.id) == ["bad", "waiting"])
    }

    @Test func deadLettersCanBeRetriedAndPurged() throws {
        let store = try outbox.open(clock: clock)
        try store.record([outboxEvent("d1", key: "a"), outboxEvent("d2", key: "b"), outboxEvent("p", key: "c")])
        let sink = ScriptedSink()
        sink.respond = { event, _ in event.event.id == "p" ? .retry(reason: "503", retryAfter: 100) : .permanent(reason: "400") }
        _ = try Deliverer(store: store, sinks: [sink], configuration: Configuration(), clock: clock).run(deadline: clock.now().addingTimeInterval(1))
        #expect(try store.retry(ids: ["d1"]) == 1)
        #expect(throws: OutboxError.notDead("p")) { try store.retry(ids: ["p"]) }
        #expect(throws: OutboxError.unknownEvent("nope")) { try store.retry(ids: ["nope"]) }
        #expect(try store.list(state: "pending").map(\.id) == ["d1", "p"])
        #expect(try store.purge(.dead) == 1)
        #expect(try store.list().map(\.id) == ["d1", "p"])
        #expect(try store.purge(.all) == 2)
        #expect(try store.list().isEmpty)
    }

    @Test func stateTableKeepsValuesAcrossConnections() throws {
        let store = try outbox.open(clock: clock)
        store.setValue("lkc-123", for: "kafka.cluster")
        #expect(try outbox.open(clock: clock).value(for: "kafka.cluster") == "lkc-123")
        store.setValue(nil, for: "kafka.cluster")
        #expect(store.value(for: "kafka.cluster") == nil)
    }

    @Test func listRejectsAnUnknownState() throws {
        let store = try outbox.open(clock: clock)
        #expect(throws: OutboxError.invalidState("late")) { try store.list(state: "late") }
    }
}

@Suite struct OutboxCorruptionTests {
    @Test func aStoredEventThatCannotBeReadBecomesDeadInsteadOfBlockingForever() throws {
        let clock = ManualClock()
        let outbox = TemporaryOutbox()
        let store = try outbox.open(clock: clock)
        try store.record([outboxEvent("broken", key: "a"), outboxEvent("fine", key: "b")])
        try store.database.execute("UPDATE events SET body = '{not json' WHERE id = 'broken'")
        let sink = ScriptedSink()
        let report = try Deliverer(store: store, sinks: [sink], configuration: Configuration(), clock: clock)
            .run(deadline: clock.now().addingTimeInterval(5))
        #expect(sink.sent == ["fine"] && report.remaining == 0)
        #expect(try store.list(state: "dead").map(\.lastError) == ["the stored event cannot be read"])
    }

    @Test func aSinkThatAcceptsEveryEventAndSendsStoredBytesGetsEventsWithoutParsingThem() throws {
        let clock = ManualClock()
        let outbox = TemporaryOutbox()
        let store = try outbox.open(clock: clock)
        try store.record([outboxEvent("broken", key: "a"), outboxEvent("fine", key: "b"), outboxEvent("also", key: "b")])
        try store.database.execute("UPDATE events SET body = '{not json' WHERE id = 'broken'")
        let sink = ScriptedSink()
        sink.acceptsEvery = true
        sink.readsEvents = false  // claimed without parsing: the syntax check still finds the broken one
        var asked = 0
        sink.accept = { _ in asked += 1; return false }
        let report = try Deliverer(store: store, sinks: [sink], configuration: Configuration(), clock: clock)
            .run(deadline: clock.now().addingTimeInterval(5))
        #expect(asked == 0)
        #expect(sink.sent == ["fine", "also"] && report.delivered == 2 && report.remaining == 0)
        #expect(try store.list(state: "dead").map(\.lastError) == ["the stored event cannot be read"])
        #expect(try store.list(state: "delivered").count == 2)
    }
}
