import Foundation
import Testing

/// `eventTriggers` from the configuration: a matching event stores the workflow start its action asks for.
@Suite struct EventTriggerCommandTests {
    @Test func aMatchingEmittedEventAlsoStoresItsWorkflowStart() throws {
        let repo = try TemporaryGitRepository()
        try repo.write(".gibson-hook.yml", """
            eventTriggers:
              - name: deploys
                event: project.deployed
                filter: projectId=p1
                action: gibson:activate
            """)
        let matching = try repo.gibsonHook(
            ["emit", "--type", "project.deployed", "--data", #"{"projectId":"p1","userId":"u","changes":[]}"#])
        #expect(matching.status == 0, "\(matching.stderr)")
        let other = try repo.gibsonHook(
            ["emit", "--type", "project.deployed", "--data", #"{"projectId":"p2","userId":"u","changes":[]}"#])
        #expect(other.status == 0)
        let list = try repo.gibsonHook(["outbox", "list", "--json"])
        let rows = try JSONSerialization.jsonObject(with: list.stdoutData) as? [[String: Any]] ?? []
        let types = rows.map { $0["type"] as? String ?? "" }
        #expect(types == [
            "ai.gibson.hook.project.deployed", "ai.gibson.hook.workflow.start", "ai.gibson.hook.project.deployed",
        ])
        let eventId = matching.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let start = try repo.gibsonHook(["outbox", "show", rows[1]["id"] as? String ?? "", "--json"])
        #expect(start.stdout.contains("gibson-activation-workflow"))
        #expect(start.stdout.contains("trigger-deploys-\(eventId)"))
    }

    /// One event factory per process: the commit event and the workflow start its trigger stores both carry
    /// the repository's remote as `source`.
    @Test func aCommitAndTheWorkflowStartItTriggersShareTheirSource() throws {
        let sandbox = try HookSandbox()
        try sandbox.repo.git(["remote", "add", "origin", "https://example.com/org/demo.git"])
        try sandbox.repo.write(".gibson-hook.yml", """
            eventTriggers:
              - name: commits
                event: git.commit
                action: gibson:activate
            """)
        try sandbox.repo.git(["add", "-A"])
        try sandbox.repo.git(["commit", "-q", "-m", "trigger"])
        let commits = try sandbox.events("git.commit")
        let starts = try sandbox.events("workflow.start")
        #expect(commits.map(\.source) == ["https://example.com/org/demo.git"])
        #expect(starts.map(\.source) == ["https://example.com/org/demo.git"])
    }

    @Test func configCheckReportsAnUnknownActionWithItsPlace() throws {
        let repo = try TemporaryGitRepository()
        try repo.write(".gibson-hook.yml", """
            eventTriggers:
              - name: schema
                event: "*"
                action: gibson:generate-schema
            """)
        let check = try repo.gibsonHook(["config", "check"])
        #expect(check.status == 1)
        let report = check.stdout + check.stderr
        #expect(report.contains(".gibson-hook.yml:4:"))
        #expect(report.contains("invalid value 'gibson:generate-schema' for 'eventTriggers[0].action'"))
        #expect(try repo.gibsonHook(["emit", "--type", "a.b"]).status == 2)
    }
}
