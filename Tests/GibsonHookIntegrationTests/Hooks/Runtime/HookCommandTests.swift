import Foundation
import GibsonHookCore
import Testing

/// git itself runs the installed shims, which run the built binary.
@Suite struct HookCommandTests {
    @Test func commitPassesTheGateAndRecordsTheCommitEvent() throws {
        let sandbox = try HookSandbox()
        try sandbox.repo.write("docs/a b.txt")
        let sha = try sandbox.repo.commit("Add notes")
        let commits = try sandbox.events("git.commit")
        #expect(commits.count == 1)
        let data = commits.first?.data
        #expect(data?["sha"]?.stringValue == sha)
        #expect(data?["branch"]?.stringValue == "main")
        #expect(data?["subject"]?.stringValue == "Add notes")
        #expect(data?["author"]?["email"]?.stringValue == "ada@example.com")
        #expect(data?["changedFiles"]?.arrayValue?.first?["path"]?.stringValue == "docs/a b.txt")
        #expect(data?["metadata"]?["hook"]?.stringValue == "post-commit")

        // No sink is configured: the event waits in the outbox, keyed by the repository.
        let listed = try JSONValue.parse(try sandbox.repo.gibsonHook(["outbox", "list", "--json"]).stdoutData)
        #expect(listed.arrayValue?.count == 1)
        #expect(listed.arrayValue?.first?["type"]?.stringValue == "ai.gibson.hook.git.commit")
        #expect(listed.arrayValue?.first?["state"]?.stringValue == "pending")
        #expect(listed.arrayValue?.first?["key"]?.stringValue == sandbox.repo.root.path + "/.git")
    }

    @Test func brokenGibsonBlocksTheCommitWithADiagnosis() throws {
        let sandbox = try HookSandbox(gibsonScript: HookSandbox.brokenGibson)
        try sandbox.repo.write("a.txt")
        try sandbox.repo.git(["add", "-A"])
        let result = try sandbox.gitResult(["commit", "-q", "-m", "blocked"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("gibson-hook: error: gibson is unhealthy: non-zero-exit"))
        #expect(result.stderr.contains("config is corrupt"))
        #expect(result.stderr.contains("GIBSON_HOOK=0 git commit"))
        #expect(throws: TestFailure.self) { try sandbox.repo.git(["rev-parse", "--verify", "-q", "HEAD"]) }
        #expect(try sandbox.events("git.commit").isEmpty)
    }

    @Test func gibsonHookZeroCommitsPastABrokenGibsonAndRecordsNothing() throws {
        let sandbox = try HookSandbox(gibsonScript: HookSandbox.brokenGibson)
        try sandbox.repo.write("a.txt")
        try sandbox.repo.git(["add", "-A"])
        let result = try sandbox.gitResult(["commit", "-q", "-m", "skipped"], extraEnvironment: ["GIBSON_HOOK": "0"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(try sandbox.eventTypes().isEmpty)
    }

    @Test func pushRecordsTheRefsReadFromStdin() throws {
        let sandbox = try HookSandbox()
        let remote = sandbox.repo.sandbox.appendingPathComponent("remote.git")
        try sandbox.repo.git(["init", "-q", "--bare", remote.path])
        try sandbox.repo.git(["remote", "add", "origin", remote.path])
        try sandbox.repo.write("a.txt")
        let sha = try sandbox.repo.commit("first")
        try sandbox.repo.git(["push", "-q", "origin", "main"])
        let push = try sandbox.events("git.push")
        #expect(push.count == 1)
        let update = push.first?.data?["updates"]?.arrayValue?.first
        #expect(update?["localSha"]?.stringValue == sha)
        #expect(update?["remoteRef"]?.stringValue == "refs/heads/main")
        #expect(update?["kind"]?.stringValue == "create")
        #expect(push.first?.data?["remote"]?.stringValue == "origin")
        #expect(try sandbox.repo.gitLine(["--git-dir", remote.path, "rev-parse", "main"]) == sha)
    }

    @Test func checkoutMergeAmendAndRebaseEachRecordTheirEvent() throws {
        let sandbox = try HookSandbox()
        let repo = sandbox.repo
        try repo.write("a.txt", "one\n")
        try repo.commit("first")
        try repo.git(["checkout", "-q", "-b", "feature"])
        try repo.write("b.txt")
        try repo.commit("feature work")
        try repo.git(["checkout", "-q", "main"])
        #expect(try sandbox.events("git.context-switch").last?.data?["branch"]?.stringValue == "main")
        let switches = try sandbox.events("git.context-switch").count
        try repo.write("a.txt", "changed\n")
        try repo.git(["checkout", "--", "a.txt"])
        #expect(try sandbox.events("git.context-switch").count == switches)

        try repo.git(["merge", "-q", "--no-ff", "-m", "merge feature", "feature"])
        #expect(try sandbox.events("git.merge").first?.data?["squash"] == .bool(false))

        let before = try repo.gitLine(["rev-parse", "HEAD"])
        try repo.git(["commit", "-q", "--amend", "-m", "merge feature, amended"])
        let amend = try sandbox.events("git.rewrite").first?.data
        #expect(amend?["command"]?.stringValue == "amend")
        #expect(amend?["rewrites"]?.arrayValue?.first?["old"]?.stringValue == before)

        try repo.git(["checkout", "-q", "feature"])
        try repo.write("c.txt")
        try repo.commit("more feature work")
        try repo.git(["checkout", "-q", "main"])
        try repo.write("d.txt")
        try repo.commit("main work")
        try repo.git(["rebase", "-q", "main", "feature"])
        #expect(try sandbox.events("git.rewrite").last?.data?["command"]?.stringValue == "rebase")
    }

    @Test func hooksRunFromALinkedWorktreeAgainstItsOwnBranch() throws {
        let sandbox = try HookSandbox()
        try sandbox.repo.write("a.txt")
        try sandbox.repo.commit("first")
        let worktree = sandbox.repo.sandbox.appendingPathComponent("linked")
        try sandbox.repo.git(["worktree", "add", "-q", "-b", "feature", worktree.path])
        try sandbox.repo.write("b.txt", in: worktree)
        let sha = try sandbox.repo.commit("in the worktree", in: worktree)
        let event = try sandbox.events("git.commit").last
        #expect(event?.data?["sha"]?.stringValue == sha)
        #expect(event?.data?["branch"]?.stringValue == "feature")
        // The main worktree's index was not touched by the hook's child processes.
        #expect(try sandbox.repo.git(["status", "--porcelain"]).isEmpty)
    }
}
