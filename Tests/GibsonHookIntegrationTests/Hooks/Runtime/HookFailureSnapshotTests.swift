import Foundation
import GibsonHookCore
import Testing

/// The whole stderr and exit status of every class of hook failure, through real shims, git and the built
/// binary, pinned as snapshots (re-record with GIBSON_HOOK_RECORD_SNAPSHOTS=1).
@Suite struct HookFailureSnapshotTests {
    /// `git commit` then, where the commit went through, nothing else: status and stderr as one text.
    private func commit(_ sandbox: HookSandbox, extra: [String: String] = [:]) throws -> String {
        try sandbox.repo.write("a.txt")
        try sandbox.repo.git(["add", "-A"])
        let result = try sandbox.gitResult(["commit", "-q", "-m", "snapshot"], extraEnvironment: extra)
        return "git commit: exit \(result.status)\n\(result.stderr)"
    }

    private func hook(_ sandbox: HookSandbox, _ name: String, extra: [String: String] = [:]) throws -> String {
        let result = try sandbox.repo.gibsonHook([name], extraEnvironment: extra)
        return "gibson-hook \(name): exit \(result.status)\n\(result.stderr)"
    }

    private func stable(_ text: String, _ sandbox: HookSandbox) -> String {
        stabilised(text, [(sandbox.repo.sandbox.path, "<sandbox>")])
    }

    @Test func invalidConfigurationShowsTheDiagnosticsOnceAndBlocksOnlyTheGate() throws {
        let sandbox = try HookSandbox()
        try sandbox.repo.write(".gibson-hook.yml", "gibson:\n  timeout: 5 minutes\n")
        let text = try commit(sandbox) + (try hook(sandbox, "pre-commit")) + (try hook(sandbox, "post-commit"))
        assertSnapshot(stable(text, sandbox), named: "hook-invalid-configuration")
    }

    @Test func missingGibsonBinaryBlocksTheCommit() throws {
        let sandbox = try HookSandbox()
        let text = try commit(sandbox, extra: ["GIBSON_HOOK_GIBSON": sandbox.repo.sandbox.path + "/no-such/gibson"])
        assertSnapshot(stable(text, sandbox), named: "hook-missing-gibson")
    }

    @Test func missingGibsonHookBinaryBlocksOnlyTheGate() throws {
        let sandbox = try HookSandbox()
        let install = try sandbox.repo.gibsonHook(["install", "--force", "--binary", sandbox.repo.sandbox.path + "/gone/gibson-hook"])
        #expect(install.status == 0)
        // Neither the installed path, GIBSON_HOOK_BIN nor PATH has gibson-hook.
        let path = "/usr/bin:/bin"
        let blocked = try commit(sandbox, extra: ["PATH": path])
        let passed = try sandbox.gitResult(["commit", "-q", "--no-verify", "-m", "skip the gate"], extraEnvironment: ["PATH": path])
        let text = blocked + "git commit --no-verify: exit \(passed.status)\n\(passed.stderr)"
        assertSnapshot(stable(text, sandbox), named: "hook-missing-gibson-hook")
    }

    @Test func unhealthyGibsonBlocksTheCommit() throws {
        let sandbox = try HookSandbox(gibsonScript: HookSandbox.brokenGibson)
        assertSnapshot(stable(try commit(sandbox), sandbox), named: "hook-gibson-unhealthy")
    }

    @Test func unwritableOutboxWarnsAndLetsTheCommitThrough() throws {
        let sandbox = try HookSandbox()
        // A state directory that is a regular file cannot hold the outbox (root ignores permission bits).
        let blocker = sandbox.repo.sandbox.appendingPathComponent("state-is-a-file")
        try "".write(to: blocker, atomically: true, encoding: .utf8)
        let text = try commit(sandbox, extra: ["XDG_STATE_HOME": blocker.path])
        assertSnapshot(stable(text, sandbox), named: "hook-outbox-unwritable")
    }

    @Test func sinkDownKeepsTheEventAndLetsTheCommitThroughSilently() throws {
        let sandbox = try HookSandbox()
        // Port 9 (discard) on loopback: nothing listens, the connection is refused.
        let text = try commit(sandbox, extra: ["GIBSON_HOOK_CLOUDEVENTS_URL": "http://127.0.0.1:9/events"])
        assertSnapshot(stable(text, sandbox), named: "hook-sink-down")
        #expect(try sandbox.events("git.commit").count == 1)
    }
}
