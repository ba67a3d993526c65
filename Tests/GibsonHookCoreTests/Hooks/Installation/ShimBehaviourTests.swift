import Foundation
import Testing
@testable import GibsonHookCore

/// Runs rendered shims with /bin/sh against a fake gibson-hook that records its arguments and stdin.
@Suite struct ShimBehaviourTests {
    let directory: TemporaryDirectory
    let fakeBinary: String

    init() throws {
        directory = try TemporaryDirectory()
        fakeBinary = try directory.write("bin/gibson-hook", Self.recorder(log: "ours", status: 0))
    }

    static func recorder(log: String, status: Int) -> String {
        "#!/bin/sh\nlog=$(dirname \"$0\")/../\(log).log\necho \"args:$*\" >>\"$log\"\nif [ ! -t 0 ]; then sed 's/^/stdin:/' >>\"$log\"; fi\nexit \(status)\n"
    }

    func install(_ hook: HookName, binary: String? = nil) throws -> String {
        try directory.write("hooks/" + hook.rawValue, ShimTemplate.render(hook: hook, binary: binary ?? fakeBinary))
    }

    func run(_ shim: String, _ arguments: [String] = [], stdin: String = "", extra: [String: String] = [:]) throws -> ShellRunner.Result {
        let environment = ["PATH": "/usr/bin:/bin", "TMPDIR": directory.path].merging(extra) { _, new in new }
        return try ShellRunner.run([shim] + arguments, environment: environment, stdin: stdin, in: directory.path)
    }

    @Test func callsTheInstalledBinaryWithHookNameAndArguments() throws {
        let shim = try install(.postCheckout)
        let result = try run(shim, ["abc", "def", "1"])
        #expect(result.status == 0)
        #expect(directory.read("ours.log") == "args:post-checkout abc def 1\n")
    }

    @Test func chainedHookRunsFirstWithTheSameStdinAsOurs() throws {
        let shim = try install(.prePush)
        try directory.write("hooks/pre-push.pre-gibson-hook", Self.recorder(log: "theirs", status: 0))
        let refs = "refs/heads/main 111 refs/heads/main 000\n"
        let result = try run(shim, ["origin", "/tmp/remote.git"], stdin: refs)
        #expect(result.status == 0)
        #expect(directory.read("theirs.log") == "args:origin /tmp/remote.git\nstdin:" + refs)
        #expect(directory.read("ours.log") == "args:pre-push origin /tmp/remote.git\nstdin:" + refs)
    }

    @Test func failingChainedPreCommitBlocksBeforeOurGate() throws {
        let shim = try install(.preCommit)
        try directory.write("hooks/pre-commit.pre-gibson-hook", Self.recorder(log: "theirs", status: 3))
        let result = try run(shim)
        #expect(result.status == 3)
        #expect(directory.read("theirs.log") != nil)
        #expect(directory.read("ours.log") == nil)
    }

    @Test func failingChainedPostHookStillRunsOursAndKeepsItsStatus() throws {
        let shim = try install(.postMerge)
        try directory.write("hooks/post-merge.pre-gibson-hook", Self.recorder(log: "theirs", status: 5))
        let result = try run(shim, ["0"])
        #expect(result.status == 5)
        #expect(directory.read("ours.log") == "args:post-merge 0\n")
    }

    @Test func ourFailingGateIsGitsAnswer() throws {
        try directory.write("bin/gibson-hook", Self.recorder(log: "ours", status: 1))
        let result = try run(try install(.preCommit))
        #expect(result.status == 1)
    }

    @Test func gibsonHookZeroSkipsOursButNotTheChainedHook() throws {
        let shim = try install(.postCommit)
        try directory.write("hooks/post-commit.pre-gibson-hook", Self.recorder(log: "theirs", status: 0))
        let result = try run(shim, extra: ["GIBSON_HOOK": "0"])
        #expect(result.status == 0)
        #expect(directory.read("theirs.log") == "args:\n")
        #expect(directory.read("ours.log") == nil)
    }

    @Test func nonExecutableChainedHookIsSkippedAsGitWould() throws {
        let shim = try install(.preCommit)
        try directory.write("hooks/pre-commit.pre-gibson-hook", Self.recorder(log: "theirs", status: 1), mode: 0o644)
        #expect(try run(shim).status == 0)
        #expect(directory.read("theirs.log") == nil)
    }

    @Test func missingBinaryFailsPreCommitClosedWithHowToSkip() throws {
        let shim = try install(.preCommit, binary: directory.path + "/gone/gibson-hook")
        let result = try run(shim)
        #expect(result.status == 1)
        #expect(result.stderr.contains("executable not found"))
        #expect(result.stderr.contains("GIBSON_HOOK=0 git commit"))
    }

    @Test func missingBinaryOnlyWarnsInHooksThatCannotBlock() throws {
        for hook in HookName.allCases where !hook.failsClosed {
            let shim = try install(hook, binary: directory.path + "/gone/gibson-hook")
            let result = try run(shim, stdin: "")
            #expect(result.status == 0, "\(hook.rawValue)")
            #expect(result.stderr.contains("warning: \(hook.rawValue) skipped"))
        }
    }

    @Test func fallsBackToGibsonHookBinThenPath() throws {
        let shim = try install(.postCommit, binary: directory.path + "/gone/gibson-hook")
        #expect(try run(shim, extra: ["GIBSON_HOOK_BIN": fakeBinary]).status == 0)
        #expect(directory.read("ours.log") == "args:post-commit\n")
        let onPath = try run(shim, extra: ["PATH": directory.path + "/bin:/usr/bin:/bin"])
        #expect(onPath.status == 0)
        #expect(directory.read("ours.log") == "args:post-commit\nargs:post-commit\n")
    }
}
