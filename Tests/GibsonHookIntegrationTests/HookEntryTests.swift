import Foundation
import Testing
import GibsonHookCore

/// Hook subcommands are parsed without the root command's tree (start-up); help and errors still come from
/// the root command, so they read exactly as for any other subcommand.
@Suite struct HookEntryTests {
    @Test func aHookRunsThroughTheDirectEntry() throws {
        let sandbox = try TemporaryGitRepository()
        try sandbox.write("file.txt")
        try sandbox.commit()
        let result = try sandbox.gibsonHook(["post-commit", "--json"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("\"no-sink-configured\""))
    }

    @Test func aBadHookFlagIsTheRootCommandsUsageError() throws {
        let sandbox = try TemporaryGitRepository()
        let result = try sandbox.gibsonHook(["pre-commit", "--no-such-flag"])
        #expect(result.status == 2)  // HookExitCode.usage, as documented; not ArgumentParser's 64
        #expect(result.stderr.contains("Unknown option '--no-such-flag'"))
        #expect(result.stderr.contains("Usage: gibson-hook pre-commit"))
    }

    @Test func hookHelpNamesTheWholeCommand() throws {
        let sandbox = try TemporaryGitRepository()
        let result = try sandbox.gibsonHook(["post-commit", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: gibson-hook post-commit"))
    }
}

/// `gibson-hook <hook> [git's arguments]` as the shims run it skips ArgumentParser; the result is the same
/// as through the parser: the same event, the same exit status, the same report.
@Suite struct HookFastPathTests {
    @Test func aHookWithGitsArgumentsStoresTheSameEventEitherWay() throws {
        let sandbox = try HookSandbox(hooks: "post-checkout")
        try sandbox.repo.write("file.txt")
        try sandbox.repo.commit()
        let head = try sandbox.repo.gitLine(["rev-parse", "HEAD"])
        // The shim's form (fast path), then the same hook through ArgumentParser (`--` is parsed by it).
        let fast = try sandbox.repo.gibsonHook(["post-checkout", head, head, "1"])
        let parsed = try sandbox.repo.gibsonHook(["post-checkout", "--", head, head, "1"])
        #expect(fast.status == 0 && parsed.status == 0)
        #expect(fast.stderr == parsed.stderr)
        let events = try sandbox.events("git.context-switch")
        #expect(events.count == 2)
        // Equal but for what is new per event (its id and time).
        func stable(_ event: CloudEvent?) -> JSONValue? {
            guard case .object(var fields)? = event?.data else { return nil }
            fields["eventId"] = nil
            fields["timestamp"] = nil
            return .object(fields)
        }
        #expect(stable(events.first) != nil)
        #expect(stable(events.first) == stable(events.last))
    }

    @Test func aBlockingGateExitsOneWithItsDiagnosisWithoutTheParser() throws {
        let sandbox = try HookSandbox(gibsonScript: HookSandbox.brokenGibson, hooks: "pre-commit")
        let result = try sandbox.repo.gibsonHook(["pre-commit"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("gibson-hook: error: gibson is unhealthy"))
        #expect(result.stderr.contains("hint: to commit anyway, skip the hooks once: GIBSON_HOOK=0 git commit"))
    }
}

/// `gibson-hook flush` alone, as every post-commit starts it in the background, skips ArgumentParser too and
/// behaves as the parsed command with the same (default) options.
@Suite struct FlushFastPathTests {
    @Test func aBareFlushReportsAsTheParsedOne() throws {
        let repo = try TemporaryGitRepository()
        #expect(try repo.gibsonHook(["emit", "--type", "com.example.t"]).status == 0)
        let fast = try repo.gibsonHook(["flush"])
        let parsed = try repo.gibsonHook(["flush", "--deadline", "20s"])
        #expect(fast.status == 3)  // pending: no sink is configured
        #expect(fast.status == parsed.status && fast.stdout == parsed.stdout && fast.stderr == parsed.stderr)
        #expect(fast.stdout == "delivered 0, retried 0, dead 0, remaining 1\n")
        #expect(fast.stderr.contains("hint: no sink is configured"))
    }

    @Test func aBareFlushPresentsABrokenConfigurationAsTheCoreError() throws {
        let repo = try TemporaryGitRepository()
        try repo.write(".gibson-hook.yml", "delivery:\n  deadline: soon\n")
        let result = try repo.gibsonHook(["flush"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("gibson-hook: error: "))
    }
}
