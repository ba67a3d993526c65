import Foundation
import Testing

@Suite struct FlushAndOutboxCommandTests {
    @Test func flushWithNothingPendingExitsZero() throws {
        let repo = try TemporaryGitRepository()
        let result = try repo.gibsonHook(["flush", "--json"])
        #expect(result.status == 0)
        let json = try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any]
        #expect(json?["remaining"] as? Int == 0)
    }

    @Test func flushWithoutSinksKeepsEventsPendingAndExitsThree() throws {
        let repo = try TemporaryGitRepository()
        try repo.gibsonHook(["emit", "--type", "a.b"])
        let result = try repo.gibsonHook(["flush", "--deadline", "2s"])
        #expect(result.status == 3)
        #expect(result.stdout == "delivered 0, retried 0, dead 0, remaining 1\n")
        #expect(result.stderr.contains("no sink is configured"))
    }

    @Test func flushRejectsABadDeadline() throws {
        let repo = try TemporaryGitRepository()
        let result = try repo.gibsonHook(["flush", "--deadline", "5 minutes"])
        #expect(result.status == 2)
        #expect(result.stderr == "gibson-hook: error: --deadline must be a positive duration like 20s, got '5 minutes'\n")
    }

    @Test func theOutboxLivesInTheStateDirectory() throws {
        let repo = try TemporaryGitRepository()
        let state = repo.sandbox.appendingPathComponent("custom-state")
        try repo.gibsonHook(["emit", "--type", "a.b"], extraEnvironment: ["GIBSON_HOOK_STATE_DIR": state.path])
        #expect(FileManager.default.fileExists(atPath: state.appendingPathComponent("outbox.sqlite3").path))
        let attributes = try FileManager.default.attributesOfItem(atPath: state.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o700)
    }

    @Test func outboxListFiltersAndShowExplainsUnknownIds() throws {
        let repo = try TemporaryGitRepository()
        try repo.gibsonHook(["emit", "--type", "a.b"])
        #expect(try repo.gibsonHook(["outbox", "list", "--state", "dead"]).stdout.isEmpty)
        #expect(try repo.gibsonHook(["outbox", "list", "--state", "pending"]).stdout.contains("pending"))
        // A header names the columns, which line up.
        let listed = try repo.gibsonHook(["outbox", "list"]).stdout
        let lines = listed.split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(listed)")
        #expect(lines.first?.hasPrefix("ID") == true && lines.first?.contains("  STATE  ") == true, "\(listed)")
        let header = try #require(lines.first), row = try #require(lines.last)
        let stateColumn = try #require(header.range(of: "STATE")).lowerBound.utf16Offset(in: header)
        let typeColumn = try #require(header.range(of: "TYPE")).lowerBound.utf16Offset(in: header)
        #expect(Array(row)[stateColumn...].starts(with: "pending"), "\(listed)")
        #expect(Array(row)[typeColumn...].starts(with: "a.b"), "\(listed)")
        #expect(header.hasSuffix("LAST ERROR"))
        let bad = try repo.gibsonHook(["outbox", "list", "--state", "late"])
        #expect(bad.status == 2 && bad.stderr.contains("unknown state 'late'"))
        let unknown = try repo.gibsonHook(["outbox", "show", "no-such-id"])
        #expect(unknown.status == 1 && unknown.stderr.contains("no event with id 'no-such-id'"))
    }

    @Test func showAsksForTheSourceWhenTwoEventsShareTheIdAndShowsEachWithIt() throws {
        let repo = try TemporaryGitRepository()
        let input = #"{"specversion":"1.0","id":"same","source":"/a","type":"t.a"}"# + "\n"
            + #"{"specversion":"1.0","id":"same","source":"/b","type":"t.b"}"# + "\n"
        #expect(try repo.gibsonHook(["emit", "--ndjson"], stdin: Data(input.utf8)).status == 0)
        let ambiguous = try repo.gibsonHook(["outbox", "show", "same"])
        #expect(ambiguous.status == 2 && ambiguous.stdout.isEmpty)
        #expect(ambiguous.stderr == "gibson-hook: error: 2 events have the id 'same', from the sources '/a', '/b': choose one with --source\n")
        for (source, type) in [("/a", "t.a"), ("/b", "t.b")] {
            let shown = try repo.gibsonHook(["outbox", "show", "same", "--source", source, "--json"])
            #expect(shown.status == 0, "\(shown.stderr)")
            let object = try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any]
            let event = object?["event"] as? [String: Any]
            #expect(event?["source"] as? String == source && event?["type"] as? String == type)
            #expect((object?["deliveries"] as? [Any])?.count == 1)
        }
        let unknown = try repo.gibsonHook(["outbox", "show", "same", "--source", "/c"])
        #expect(unknown.status == 1)
    }

    @Test func retryNeedsADeadEventAndPurgeAllNeedsConfirmation() throws {
        let repo = try TemporaryGitRepository()
        let id = try repo.gibsonHook(["emit", "--type", "a.b"]).stdout.trimmingCharacters(in: .newlines)
        let retry = try repo.gibsonHook(["outbox", "retry", id])
        #expect(retry.status == 1 && retry.stderr.contains("has no dead delivery"))
        #expect(try repo.gibsonHook(["outbox", "retry", "--all-dead"]).stdout.hasPrefix("0 dead"))
        let unconfirmed = try repo.gibsonHook(["outbox", "purge", "--all"])
        #expect(unconfirmed.status != 0 && unconfirmed.stderr.contains("--yes"))
        #expect(try repo.gibsonHook(["outbox", "purge", "--dead"]).stdout == "removed 0 event(s)\n")
        let purged = try repo.gibsonHook(["outbox", "purge", "--all", "--yes", "--json"])
        #expect(purged.status == 0 && purged.stdout.contains("\"removedEvents\": 1"))
        #expect(try repo.gibsonHook(["outbox", "list"]).stdout.isEmpty)
    }
}
