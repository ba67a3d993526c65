import Foundation
import Testing
@testable import GibsonHookCore

/// Version 3 drops the cache keys older builds made from a whole sink URL, password included.
@Suite struct OutboxCacheKeyMigrationTests {
    let clock = ManualClock()
    let outbox = TemporaryOutbox()

    @Test func aVersionTwoOutboxLosesTheKeysThatHeldCredentialsAndTheirBytes() throws {
        do {  // each store closes its connection when it goes out of scope
            let store = try outbox.open(clock: clock)
            store.setValue("lkc-1", for: "kafka-rest.v3.cluster-id http://user:pw-old-9f3e1b@proxy.test:8082")
            store.setValue("", for: "temporal.path-prefix https://ops:pw-old-9f3e1b@temporal.test")
            store.setValue("lkc-2", for: "kafka-rest.v3.cluster-id http://proxy.test:8082")
            try store.database.execute("PRAGMA user_version = 2")
        }
        do {
            let migrated = try outbox.open(clock: clock)
            #expect(try migrated.database.scalarInt("PRAGMA user_version") == OutboxStore.schemaVersion)
            let keys = try migrated.database.prepared("SELECT key FROM state ORDER BY key").rows { $0.text(0) }
            #expect(keys == ["kafka-rest.v3.cluster-id http://proxy.test:8082"])
        }
        var bytes = Data()
        for suffix in ["", "-wal"] { bytes += FileManager.default.contents(atPath: outbox.path + suffix) ?? Data() }
        #expect(bytes.range(of: Data("pw-old-9f3e1b".utf8)) == nil)
    }

    @Test func sinksKeyTheirCacheByTheURLWithoutCredentials() {
        #expect(SinkResponses.cacheIdentity(of: "http://user:secret@proxy.test:8082/base?x=1#f") == "http://proxy.test:8082/base")
        #expect(!SinkResponses.cacheIdentity(of: "http://u:pw-1@h:1:2").contains("pw-1"))  // does not parse: masked
        #expect(SinkResponses.cacheIdentity(of: "http://proxy.test:8082") == "http://proxy.test:8082")
    }
}
