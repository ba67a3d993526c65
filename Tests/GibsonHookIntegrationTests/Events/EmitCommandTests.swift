import Foundation
import Testing

@Suite struct EmitCommandTests {
    @Test func emitStoresTheEventPrintsItsIdAndSaysNoSinkIsConfigured() throws {
        let repo = try TemporaryGitRepository()
        let result = try repo.gibsonHook(["emit", "--type", "project.updated", "--data", #"{"projectId":"p1"}"#, "--subject", "main"])
        #expect(result.status == 0)
        let id = result.stdout.trimmingCharacters(in: .newlines)
        #expect(id.count == 36)
        #expect(result.stderr.contains("no sink is configured, so events stay in the outbox"))
        #expect(result.stderr.contains("GIBSON_HOOK_KAFKA_REST_URL"))
        let shown = try repo.gibsonHook(["outbox", "show", id, "--json"])
        #expect(shown.status == 0)
        let json = try JSONSerialization.jsonObject(with: shown.stdoutData) as? [String: Any]
        let event = json?["event"] as? [String: Any]
        #expect(event?["type"] as? String == "ai.gibson.hook.project.updated")
        #expect(event?["subject"] as? String == "main")
        #expect((event?["data"] as? [String: Any])?["projectId"] as? String == "p1")
        #expect(json?["topic"] as? String == "project-events")
    }

    @Test func dataThatBreaksItsSchemaIsStoredWithAWarningAndRejectedWithStrict() throws {
        let repo = try TemporaryGitRepository()
        let bad = #"{"projectId":"p1","eventType":"sideways","userId":"u","changes":[],"metadata":{}}"#
        let warned = try repo.gibsonHook(["emit", "--type", "project.updated", "--data", bad])
        #expect(warned.status == 0)
        let warnings = warned.stderr.split(separator: "\n").filter { $0.hasPrefix("gibson-hook: warning:") }
        #expect(warnings == [
            #"gibson-hook: warning: the data breaks its type's JSON Schema: data.eventType: expected one of created, updated, deleted, deployed; got "sideways""#,
        ])
        let stored = warned.stdout.trimmingCharacters(in: .newlines)
        #expect(try repo.gibsonHook(["outbox", "show", stored]).status == 0)

        let strict = try repo.gibsonHook(["emit", "--strict", "--type", "project.updated", "--data", #"{"projectId":7}"#])
        #expect(strict.status == 2)
        #expect(strict.stdout.isEmpty)
        #expect(strict.stderr.hasPrefix("""
            gibson-hook: error: --strict: the data breaks the project-event schema, nothing was stored:
              data.eventType: required property is missing
            """))
        #expect(strict.stderr.contains("  data.projectId: expected string; got 7\n"))
        let listed = try JSONSerialization.jsonObject(with: try repo.gibsonHook(["outbox", "list", "--json"]).stdoutData) as? [Any]
        #expect(listed?.count == 1)

        let good = #"{"projectId":"p1","eventType":"updated","userId":"u","changes":[],"metadata":{}}"#
        let valid = try repo.gibsonHook(["emit", "--strict", "--type", "project.updated", "--data", good, "--json"])
        #expect(valid.status == 0)
        #expect(!valid.stderr.contains("warning"))
        let json = try JSONSerialization.jsonObject(with: valid.stdoutData) as? [String: Any]
        #expect(json?["schemaViolations"] == nil && (json?["ids"] as? [String])?.count == 1)
    }

    /// Each NDJSON line's data is checked like `--data`: a warning naming the line, the line stored; with
    /// `--strict` the line is a bad line (skipped, or with `--on-error reject` nothing is stored).
    @Test func ndjsonLinesAreCheckedAgainstTheirSchemas() throws {
        let repo = try TemporaryGitRepository()
        let good = #"{"type":"project.updated","data":{"projectId":"p1","eventType":"updated","userId":"u","changes":[],"metadata":{}}}"#
        let bad = #"{"type":"project.updated","data":{"projectId":7,"eventType":"updated","userId":"u","changes":[],"metadata":{}}}"#
        let foreign = #"{"type":"com.example.t","data":{"anything":1}}"#
        let input = Data([good, bad, foreign].joined(separator: "\n").utf8 + [0x0A])

        let warned = try repo.gibsonHook(["emit", "--ndjson"], stdin: input)
        #expect(warned.status == 0)
        #expect(warned.stdout.split(separator: "\n").count == 3)
        let warnings = warned.stderr.split(separator: "\n").filter { $0.hasPrefix("gibson-hook: warning:") }
        #expect(warnings == ["gibson-hook: warning: line 2: the data breaks its type's JSON Schema: data.projectId: expected string; got 7"])

        let skipped = try repo.gibsonHook(["emit", "--ndjson", "--strict", "--json"], stdin: input)
        #expect(skipped.status == 0)
        let json = try JSONSerialization.jsonObject(with: skipped.stdoutData) as? [String: Any]
        #expect((json?["ids"] as? [String])?.count == 2)
        let rejected = json?["rejected"] as? [[String: Any]]
        #expect(rejected?.count == 1 && rejected?.first?["line"] as? Int == 2)
        #expect((rejected?.first?["error"] as? String)?.contains("the data breaks the project-event schema: data.projectId: expected string; got 7") == true)
        #expect(json?["schemaViolations"] == nil)

        let before = try JSONSerialization.jsonObject(with: try repo.gibsonHook(["outbox", "list", "--json"]).stdoutData) as? [Any]
        let all = try repo.gibsonHook(["emit", "--ndjson", "--strict", "--on-error", "reject"], stdin: input)
        #expect(all.status == 2)
        #expect(all.stderr.contains("line 2: --strict: the data breaks the project-event schema"))
        let after = try JSONSerialization.jsonObject(with: try repo.gibsonHook(["outbox", "list", "--json"]).stdoutData) as? [Any]
        #expect(before?.count == 5 && after?.count == 5)
    }

    @Test func emitUsesTheConfiguredSourceAndRouting() throws {
        let repo = try TemporaryGitRepository()
        try repo.write(".gibson-hook.yml", "routing:\n  project: custom-projects\n")
        let result = try repo.gibsonHook([
            "emit", "--type", "project.created", "--set", "project.source=https://git.example.com/acme/widgets",
        ])
        #expect(result.status == 0)
        let id = result.stdout.trimmingCharacters(in: .newlines)
        let shown = try JSONSerialization.jsonObject(with: try repo.gibsonHook(["outbox", "show", id, "--json"]).stdoutData) as? [String: Any]
        #expect((shown?["event"] as? [String: Any])?["source"] as? String == "https://git.example.com/acme/widgets")
        #expect(shown?["topic"] as? String == "custom-projects")
    }

    @Test func emitReadsDataFromAFile() throws {
        let repo = try TemporaryGitRepository()
        try repo.write("payload.json", #"{"from":"file"}"#)
        let result = try repo.gibsonHook(["emit", "--type", "com.example.t", "--data", "@payload.json", "--json"])
        #expect(result.status == 0)
        let json = try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any]
        #expect((json?["ids"] as? [String])?.count == 1)
    }

    @Test func emitWithoutTypeOrWithBadDataIsAUsageError() throws {
        let repo = try TemporaryGitRepository()
        let missing = try repo.gibsonHook(["emit"])
        #expect(missing.status == 2 && missing.stderr.contains("--type"))
        let bad = try repo.gibsonHook(["emit", "--type", "a.b", "--data", "{nope"])
        #expect(bad.status == 2 && bad.stderr.contains("--data is not valid JSON"))
    }

    @Test func ndjsonSkipModeReportsBadLinesByNumberAndStoresTheRest() throws {
        let repo = try TemporaryGitRepository()
        let input = "{\"type\":\"project.created\"}\nnot json\n{\"specversion\":\"1.0\",\"id\":\"given\",\"source\":\"/s\",\"type\":\"com.example.t\"}\n{\"type\":\"a.b\",\"extra\":1}\n"
        let result = try repo.gibsonHook(["emit", "--ndjson"], stdin: Data(input.utf8))
        #expect(result.status == 0)
        let ids = result.stdout.split(separator: "\n").map(String.init)
        #expect(ids.count == 2 && ids[1] == "given")
        #expect(result.stderr.contains("line 2: invalid JSON"))
        #expect(result.stderr.contains("line 4: unknown member 'extra'"))
        let list = try repo.gibsonHook(["outbox", "list", "--json"])
        let rows = try JSONSerialization.jsonObject(with: list.stdoutData) as? [[String: Any]]
        #expect(rows?.map { $0["id"] as? String } == ids)
        #expect(rows?.allSatisfy { $0["state"] as? String == "pending" } == true)
    }

    @Test func ndjsonRejectModeStoresNothing() throws {
        let repo = try TemporaryGitRepository()
        let input = "{\"type\":\"project.created\"}\n[1]\n"
        let result = try repo.gibsonHook(["emit", "--ndjson", "--on-error", "reject"], stdin: Data(input.utf8))
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("line 2: an event must be a JSON object"))
        #expect(result.stderr.contains("nothing stored"))
        let list = try repo.gibsonHook(["outbox", "list", "--json"])
        #expect(list.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    }

    @Test func emitWaitWithNoSinkLeavesTheEventPendingAndExitsThree() throws {
        let repo = try TemporaryGitRepository()
        let result = try repo.gibsonHook(["emit", "--type", "a.b", "--wait", "--deadline", "1s"])
        #expect(result.status == 3)
        #expect(result.stderr.contains("stay in the outbox"))
    }
}
