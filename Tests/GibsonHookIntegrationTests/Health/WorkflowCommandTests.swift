import Foundation
import Testing
@testable import GibsonHookCore

/// `gibson-hook workflow start`, `infra-ready` and `validate` against the real gibson-cli.
@Suite struct WorkflowCommandTests {
    @Test func aCorruptGibsonConfigIsRecoveredByTheLocalFallback() throws {
        let sandbox = try TemporaryGitRepository()
        _ = try HealthFixtures.realGibson()
        try sandbox.allowSlowRealGibson()
        let config = sandbox.home.appendingPathComponent(".gibsonai/config")
        try FileManager.default.createDirectory(at: config.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "{\"broken\": ".write(to: config, atomically: true, encoding: .utf8)
        let broken = try sandbox.gibsonHook(["health", "--json"])
        #expect(broken.status == 1)
        #expect(try HealthFixtures.json(broken)["failure"] == "bad-configuration")

        let recovery = try sandbox.gibsonHook(["workflow", "start", "recovery", "--json"])
        #expect(recovery.status == 0, "\(recovery.stdout)\(recovery.stderr)")
        let report = try HealthFixtures.json(recovery)
        #expect(report["route"] == "local")
        #expect(report["reason"]?.stringValue?.contains("temporal is not configured") == true)
        #expect(report["workflowId"]?.stringValue?.hasPrefix("gibson-recovery-") == true)
        let steps = report["steps"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
        #expect(steps == ["diagnose", "backup", "repair", "verify", "complete"])
        #expect(!FileManager.default.fileExists(atPath: config.path))

        let healthy = try sandbox.gibsonHook(["health"])
        #expect(healthy.status == 0)
        #expect(healthy.stdout.hasPrefix("gibson: healthy (cached)"))
    }

    @Test func activationRunsLocallyThroughTheMCPHandshake() throws {
        let sandbox = try TemporaryGitRepository()
        _ = try HealthFixtures.realGibson()
        try sandbox.allowSlowRealGibson()
        let result = try sandbox.gibsonHook(
            ["workflow", "start", "activation", "--json"], extraEnvironment: ["GIBSONAI_API_KEY": "test-key"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let report = try HealthFixtures.json(result)
        #expect(report["succeeded"] == true)
        let steps = report["steps"]?.arrayValue ?? []
        #expect(steps.compactMap { $0["name"]?.stringValue } == ["health", "config", "credentials", "mcp"])
        #expect(steps.last?["detail"]?.stringValue?.contains("answered initialize and tools/list") == true)
    }

    @Test func activationWithoutCredentialsFailsAndSaysWhatToSet() throws {
        let sandbox = try TemporaryGitRepository()
        let fake = sandbox.sandbox.appendingPathComponent("bin/gibson")
        try HealthFixtures.script(fake, "echo 'gibson 0.8.12'")
        let result = try sandbox.gibsonHook(["workflow", "start", "activation"], extraEnvironment: ["GIBSON_HOOK_GIBSON": fake.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("FAIL credentials: no API key: set GIBSONAI_API_KEY"))
    }

    @Test func scalingWithoutTemporalSaysItNeedsTheRemoteEngine() throws {
        let sandbox = try TemporaryGitRepository()
        let result = try sandbox.gibsonHook(["workflow", "start", "scaling"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("gibson-scaling-workflow needs the remote workflow engine"))
    }

    @Test func validateAnnotatesProblemsForGitHubActions() throws {
        let sandbox = try TemporaryGitRepository()
        let result = try sandbox.gibsonHook(
            ["validate"], extraEnvironment: ["GIBSON_HOOK_GIBSON": "/nonexistent/gibson", "GITHUB_ACTIONS": "true", "CI": "true"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("::error title=gibson-hook gibson::gibson is unhealthy: missing-executable"))
        #expect(result.stderr.contains("error: [gibson] gibson is unhealthy"))
        let quiet = try sandbox.gibsonHook(["validate", "--json"], extraEnvironment: ["GIBSON_HOOK_GIBSON": "/nonexistent/gibson"])
        #expect(!quiet.stdout.contains("::error"))
        #expect(try HealthFixtures.json(quiet)["passed"] == false)
    }

    @Test func infraReadyReportsEveryServiceAndItsExitStatusMatches() throws {
        let sandbox = try TemporaryGitRepository()
        let fake = sandbox.sandbox.appendingPathComponent("bin/gibson")
        try HealthFixtures.script(fake, "exit 1")
        let result = try sandbox.gibsonHook(["infra-ready", "--json"], extraEnvironment: ["GIBSON_HOOK_GIBSON": fake.path])
        let report = try HealthFixtures.json(result)
        let services = report["services"]?.arrayValue ?? []
        #expect(services.compactMap { $0["name"]?.stringValue } == ["postgres", "neo4j", "redis", "elasticsearch", "ollama"])
        #expect(services.allSatisfy { ["up", "down"].contains($0["status"]?.stringValue ?? "") })
        // Gibson itself is broken, so activation can never succeed and the platform is never ready.
        #expect(report["ready"] == false)
        #expect(result.status == 1)
    }
}
