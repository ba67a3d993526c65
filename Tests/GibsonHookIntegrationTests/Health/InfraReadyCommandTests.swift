import Foundation
import Testing
@testable import GibsonHookCore

/// `infra-ready` with a live service, the real gibson-cli and the outbox; `workflow start recovery` with a
/// configured restart command.
@Suite struct InfraReadyCommandTests {
    @Test func readyServicesActivateGibsonLocallyAndRecordTheEvents() throws {
        let sandbox = try TemporaryGitRepository()
        _ = try HealthFixtures.realGibson()
        try sandbox.allowSlowRealGibson()
        let listener = try TCPListener()
        let services = "infrastructure.services=[{name: web, host: 127.0.0.1, port: \(listener.port)}, {name: cache, host: 127.0.0.1, port: 1, required: false}]"
        let result = try sandbox.gibsonHook(
            ["infra-ready", "--json", "--set", services], extraEnvironment: ["GIBSONAI_API_KEY": "test-key"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let report = try HealthFixtures.json(result)
        #expect(report["ready"] == true)
        let statuses = report["services"]?.arrayValue ?? []
        #expect(statuses.compactMap { $0["status"]?.stringValue } == ["up", "down"])
        #expect(statuses[1]["error"]?.stringValue?.contains("refused") == true)
        #expect(report["activation"]?["route"] == "local")
        #expect(report["activation"]?["succeeded"] == true)

        let outbox = try HealthFixtures.json(try sandbox.gibsonHook(["outbox", "list", "--json"]))
        let rows = outbox.arrayValue ?? []
        #expect(rows.first?["type"] == "ai.gibson.hook.system.infrastructure-ready")
        #expect(rows.first?["topic"] == "system-events")
        #expect(rows.dropFirst().allSatisfy { $0["type"] == "ai.gibson.hook.gibson.activation" && $0["topic"] == "gibson-events" })
        #expect(rows.count == 6) // infrastructure-ready, four steps, complete
    }

    @Test func aRequiredServiceDownMeansNotReadyAndNoActivation() throws {
        let sandbox = try TemporaryGitRepository()
        let result = try sandbox.gibsonHook(
            ["infra-ready", "--json", "--set", "infrastructure.services=[{name: db, host: 127.0.0.1, port: 1}]"])
        #expect(result.status == 1)
        let report = try HealthFixtures.json(result)
        #expect(report["ready"] == false)
        #expect(report["activation"] == nil)
        #expect(report["note"]?.stringValue?.contains("'db'") == true)
    }

    @Test func recoveryRunsTheConfiguredRestartCommandThatRestoresTheExecutable() throws {
        let real = try HealthFixtures.realGibson()
        let sandbox = try TemporaryGitRepository()
        try sandbox.allowSlowRealGibson()
        let gibson = sandbox.sandbox.appendingPathComponent("bin/gibson")
        try HealthFixtures.script(gibson, "exit 1")
        let healed = sandbox.sandbox.appendingPathComponent("healed-gibson")
        try HealthFixtures.script(healed, "exec '\(real.path)' \"$@\"")
        let restart = sandbox.sandbox.appendingPathComponent("bin/restart-gibson")
        try HealthFixtures.script(restart, "cp '\(healed.path)' '\(gibson.path)'")
        let result = try sandbox.gibsonHook(
            ["workflow", "start", "recovery", "--set", "gibson.recovery.restartCommand=[\(restart.path)]"],
            extraEnvironment: ["GIBSON_HOOK_GIBSON": gibson.path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("ran recovery locally: temporal is not configured"))
        #expect(result.stdout.contains("ok   restart: attempt 1: '\(restart.path)' exited with status 0"))
        #expect(result.stdout.hasSuffix("recovery succeeded\n"))
    }
}
