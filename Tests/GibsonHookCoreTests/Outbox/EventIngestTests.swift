import Foundation
import Testing
@testable import GibsonHookCore

@Suite struct EventIngestTests {
    let clock = ManualClock()
    let outbox = TemporaryOutbox()

    func ingest(_ text: String, policy: BadLinePolicy, chunkSize: Int = 2) throws -> (IngestResult, [[String]], OutboxStore) {
        let store = try outbox.open(clock: clock)
        let factory = EventFactory(configuration: Configuration(), hostName: "build-1", clock: clock)
        var bytes = Array(text.utf8)[...]
        var chunks: [[String]] = []
        let result = try EventIngest(store: store, parser: EventInputParser(factory: factory), policy: policy, chunkSize: chunkSize)
            .run(read: { buffer in
                // Hand the input over a few bytes at a time so lines straddle reads.
                let count = min(7, bytes.count, buffer.count)
                for index in 0..<count { buffer[index] = bytes[bytes.startIndex + index] }
                bytes = bytes.dropFirst(count)
                return count
            }, committed: { chunks.append($0) })
        return (result, chunks, store)
    }

    @Test func skipModeReportsBadLinesByNumberAndStoresTheRest() throws {
        let input = """
            {"type":"project.created","data":{"projectId":"p1"}}
            {"type":

            {"specversion":"1.0","id":"given-id","source":"/x","type":"com.example.t"}
            {"type":"x.y","colour":"red"}
            {"type":"ai.training-start"}
            """
        let (result, chunks, store) = try ingest(input, policy: .skip)
        #expect(result.rejected.map(\.line) == [2, 5])
        #expect(result.rejected.last?.error == .unknownMember("colour"))
        #expect(result.storedIDs.count == 3 && result.storedIDs[1] == "given-id")
        #expect(chunks.map(\.count) == [2, 1])
        #expect(try store.list().map(\.type) == [
            "ai.gibson.hook.project.created", "com.example.t", "ai.gibson.hook.ai.training-start",
        ])
    }

    @Test func rejectModeStoresNothingWhenALineIsBad() throws {
        let (result, chunks, store) = try ingest("{\"type\":\"a.b\"}\n{\"type\":\"a.c\"}\n[1]\n", policy: .reject)
        #expect(result.discarded && result.storedIDs.isEmpty && chunks.isEmpty)
        #expect(result.rejected == [RejectedLine(line: 3, error: .notAnObject)])
        #expect(try store.list().isEmpty)
    }

    @Test func aLastLineWithoutNewlineIsRead() throws {
        let (result, _, _) = try ingest("{\"type\":\"a.b\"}\n{\"type\":\"a.c\"}", policy: .reject)
        #expect(result.storedIDs.count == 2)
    }
}
