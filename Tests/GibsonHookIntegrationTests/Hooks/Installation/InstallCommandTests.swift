import Foundation
import GibsonHookCore
import Testing

@Suite struct InstallCommandTests {
    func json(_ result: CommandResult) throws -> JSONValue { try JSONValue.parse(result.stdoutData) }

    @Test func installWiresDefaultHooksWhereGitRunsThemAndStatusReportsThem() throws {
        let repo = try TemporaryGitRepository()
        let install = try repo.gibsonHook(["install", "--json"])
        #expect(install.status == 0, "\(install.stderr)")
        let report = try json(install)
        let hooksDir = try repo.gitLine(["rev-parse", "--path-format=absolute", "--git-path", "hooks"])
        #expect(report["hooksDir"]?.stringValue == hooksDir)
        #expect(report["source"]?.stringValue == "gitDirectory")
        #expect(report["hooks"]?.arrayValue?.compactMap { $0["action"]?.stringValue } == ["installed", "installed"])
        #expect(FileManager.default.isExecutableFile(atPath: hooksDir + "/pre-commit"))
        #expect(!FileManager.default.fileExists(atPath: hooksDir + "/pre-push"))

        let status = try json(try repo.gibsonHook(["status", "--json"]))
        let hooks = status["hooks"]?.arrayValue ?? []
        let preCommit = hooks.first { $0["hook"]?.stringValue == "pre-commit" }
        #expect(preCommit?["state"]?.stringValue == "shim")
        #expect(preCommit?["current"] == .bool(true))
        #expect(preCommit?["binary"]?.stringValue == BinaryRunner.binary.path)
        #expect(preCommit?["binaryExists"] == .bool(true))
        #expect(hooks.first { $0["hook"]?.stringValue == "pre-push" }?["state"]?.stringValue == "absent")

        let again = try repo.gibsonHook(["install", "--hooks", "all"])
        #expect(again.stdout.contains("unchanged pre-commit"))
        #expect(again.stdout.contains("installed post-rewrite"))
    }

    @Test func installFollowsCoreHooksPathAndSaysSo() throws {
        let repo = try TemporaryGitRepository()
        try repo.git(["config", "core.hooksPath", ".githooks"])
        let result = try repo.gibsonHook(["install"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("core.hooksPath is set: installing into \(repo.root.path)/.githooks"))
        #expect(FileManager.default.isExecutableFile(atPath: repo.root.path + "/.githooks/pre-commit"))
        #expect(!FileManager.default.fileExists(atPath: repo.root.path + "/.git/hooks/pre-commit"))
    }

    @Test func installFromALinkedWorktreeUsesTheSharedHooksDirectory() throws {
        let repo = try TemporaryGitRepository()
        try repo.write("a.txt")
        try repo.commit("first")
        let worktree = repo.sandbox.appendingPathComponent("linked")
        try repo.git(["worktree", "add", "-q", "-b", "feature", worktree.path])
        let report = try json(try repo.gibsonHook(["install", "--json"], in: worktree))
        #expect(report["hooksDir"]?.stringValue == repo.root.path + "/.git/hooks")
        #expect(report["linkedWorktree"] == .bool(true))
    }

    @Test func installWarnsThatCommitsWillBeBlockedWhenGibsonCannotBeFound() throws {
        let repo = try TemporaryGitRepository()
        repo.environment["GIBSON_HOOK_GIBSON"] = repo.sandbox.path + "/no-such/gibson"
        let install = try repo.gibsonHook(["install", "--hooks", "pre-commit"])
        #expect(install.status == 0)
        #expect(install.stderr == """
            gibson-hook: warning: gibson is unhealthy: missing-executable: '\(repo.sandbox.path)/no-such/gibson' not found \
            on PATH: install gibson-cli or set GIBSON_HOOK_GIBSON; commits will be blocked until it is fixed
            hint: install gibson-cli ('pip install gibson-cli') or point GIBSON_HOOK_GIBSON at the executable
            hint: set gibson.recovery.restartCommand so recovery can restart gibson for you
            hint: to commit anyway, skip the hooks once: GIBSON_HOOK=0 git commit …

            """)
    }

    @Test func installSaysNothingMoreWhenGibsonIsHealthy() throws {
        let repo = try TemporaryGitRepository()
        try HealthFixtures.script(repo.sandbox.appendingPathComponent("bin/gibson"), "echo 'gibson 0.8.12'")
        repo.environment["GIBSON_HOOK_GIBSON"] = repo.sandbox.path + "/bin/gibson"
        let install = try repo.gibsonHook(["install", "--hooks", "pre-commit"])
        #expect(install.status == 0)
        #expect(install.stderr == "")
    }

    @Test func outsideARepositoryIsAClearError() throws {
        let repo = try TemporaryGitRepository()
        let result = try repo.gibsonHook(["install"], in: repo.home)
        #expect(result.status == HookExitCode.notARepository.rawValue)
        #expect(result.stderr.contains("is not inside a git repository"))
    }

    @Test func unknownHookNamesAreAUsageError() throws {
        let repo = try TemporaryGitRepository()
        let result = try repo.gibsonHook(["install", "--hooks", "pre-commit,commit-msg"])
        #expect(result.status == HookExitCode.usage.rawValue)
        #expect(result.stderr.contains("unknown hook 'commit-msg'"))
    }
    @Test func statusSaysWhatIsWiredStaleOrForeign() throws {
        let repo = try TemporaryGitRepository()
        let hooksDir = repo.root.path + "/.git/hooks"
        try "#!/bin/sh\n# husky\n".write(toFile: hooksDir + "/post-merge", atomically: true, encoding: .utf8)
        try repo.gibsonHook(["install"])
        try "\n# edited by hand\n".data(using: .utf8).map { data in
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: hooksDir + "/post-commit"))
            try handle.seekToEnd()
            try handle.write(contentsOf: data)
            try handle.close()
        }
        let status = try repo.gibsonHook(["status"])
        #expect(status.status == 0)
        #expect(status.stdout.contains("hooks directory: \(hooksDir)\n"))
        #expect(status.stdout.contains("pre-commit    wired → \(BinaryRunner.binary.path)\n"))
        #expect(status.stdout.contains("post-commit   wired, stale (run gibson-hook install)"))
        #expect(status.stdout.contains("post-merge    not wired (another hook is there"))
        #expect(status.stdout.contains("pre-push      not wired\n"))
    }
}
