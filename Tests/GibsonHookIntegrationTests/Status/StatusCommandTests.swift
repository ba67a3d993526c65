import Foundation
import Testing
@testable import GibsonHookCore

/// `gibson-hook status` beyond the e2e screen: colour only when asked for, outside a repository, and events
/// a sink has not yet seen counted as pending for it. (The whole screen after real work is pinned by
/// e2e/realcomponents/test_e2e_status.py.)
@Suite struct StatusCommandTests {
    @Test func colourOnlyWithCLICOLORForceAndNeverWithNoColor() throws {
        let repo = try TemporaryGitRepository()
        repo.environment.removeValue(forKey: "NO_COLOR")
        let plain = try repo.gibsonHook(["status"])
        #expect(plain.status == 0)
        #expect(!plain.stdout.contains("\u{1B}["), "colour on a pipe")
        #expect(plain.stdout.hasPrefix("gibson: unknown (no check recorded yet; run gibson-hook health)\n"))
        let forced = try repo.gibsonHook(["status"], extraEnvironment: ["CLICOLOR_FORCE": "1"])
        #expect(forced.stdout.hasPrefix("gibson: \u{1B}[33munknown\u{1B}[0m (no check recorded yet"))
        #expect(forced.stdout.contains("pre-commit    \u{1B}[2mnot wired\u{1B}[0m\n"))
        let json = try repo.gibsonHook(["status", "--json"], extraEnvironment: ["CLICOLOR_FORCE": "1"])
        #expect(!json.stdout.contains("\u{1B}["), "colour in JSON")
    }

    @Test func outsideARepositoryTheRestIsStillShown() throws {
        let repo = try TemporaryGitRepository()
        let result = try repo.gibsonHook(["status"], in: repo.home)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\nhooks: not inside a git repository\nservice: "))
        let json = try HealthFixtures.json(try repo.gibsonHook(["status", "--json"], in: repo.home))
        #expect(json["hooksDir"] == .null)
        #expect(json["hooks"] == [])
        #expect(json["gibson"]?["health"] == "unknown")
    }

    @Test func eventsRecordedSinceTheLastFlushArePendingForEachConfiguredSink() throws {
        let repo = try TemporaryGitRepository()
        let emitted = try repo.gibsonHook(["emit", "--type", "com.example.status.test", "--data", "{}"])
        #expect(emitted.status == 0, "\(emitted.stderr)")
        // No sink configured: the event waits, unassigned.
        let waiting = try HealthFixtures.json(try repo.gibsonHook(["status", "--json"]))
        #expect(waiting["outbox"]?["unassigned"] == 1)
        #expect(waiting["outbox"]?["pending"] == 1)
        #expect(waiting["sinks"] == [])
        // A sink is configured but has never flushed: the same event is pending for it, and nowhere else.
        let configured = try HealthFixtures.json(try repo.gibsonHook(
            ["status", "--json"], extraEnvironment: ["GIBSON_HOOK_CLOUDEVENTS_URL": "http://127.0.0.1:1/events"]))
        #expect(configured["outbox"]?["unassigned"] == 0)
        #expect(configured["outbox"]?["pending"] == 1)
        let sink = try #require(configured["sinks"]?.arrayValue?.first)
        #expect(sink["name"] == "cloudevents")
        #expect(sink["pending"] == 1)
        #expect(sink["breaker"] == "closed")
        #expect(sink["oldestPending"] == configured["outbox"]?["oldestPending"])
        #expect(sink["oldestPending"] != .null)
    }

    @Test func theGatesCachedHealthyCheckIsFreshThenExpired() throws {
        let repo = try TemporaryGitRepository()
        let gibson = repo.sandbox.appendingPathComponent("bin/gibson")
        try HealthFixtures.script(gibson, "echo 'gibson 0.8.12'")
        repo.environment["GIBSON_HOOK_GIBSON"] = gibson.path
        #expect(try HealthFixtures.json(try repo.gibsonHook(["status", "--json"]))["gibson"]?["cache"]?["state"] == "none")
        #expect(try repo.gibsonHook(["health"]).status == 0)
        let fresh = try HealthFixtures.json(try repo.gibsonHook(["status", "--json"]))["gibson"]?["cache"]
        #expect(fresh?["state"] == "fresh")
        let expired = try HealthFixtures.json(try repo.gibsonHook(["status", "--json", "--set", "gibson.cacheTTL=0s"]))["gibson"]?["cache"]
        #expect(expired?["state"] == "expired")
        #expect(expired?["checkedAt"] == fresh?["checkedAt"])
        let screen = try repo.gibsonHook(["status", "--set", "gibson.cacheTTL=0s"]).stdout
        #expect(screen.hasPrefix("gibson: unknown (no check recorded yet; run gibson-hook health)\n  pre-commit: the healthy check of "))
        #expect(screen.contains(" has expired; the next commit checks again\n"))
    }
}

/// A configuration that cannot be loaded stops the screen, but not the wiring, which needs none.
@Suite struct StatusUnusableConfigurationTests {
    @Test func theWiringIsStillShownThenTheConfigurationError() throws {
        let repo = try TemporaryGitRepository()
        try repo.gibsonHook(["install", "--hooks", "pre-commit"])
        try repo.write(".gibson-hook.yml", "gibson:\n  maxRetries: lots\n")
        let result = try repo.gibsonHook(["status"])
        #expect(result.status == HookExitCode.usage.rawValue)
        #expect(result.stdout.hasPrefix("hooks directory: \(repo.root.path)/.git/hooks\npre-commit    wired → "))
        #expect(result.stderr.contains("invalid value 'lots' for 'gibson.maxRetries'"))
        let json = try repo.gibsonHook(["status", "--json"])
        #expect(json.status == HookExitCode.usage.rawValue)
        #expect(json.stdout == "")
    }
}
