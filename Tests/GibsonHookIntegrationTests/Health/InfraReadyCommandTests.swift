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

/// `infra-ready --wait`: probes again with backoff until the required services answer, within the bound.
@Suite struct InfraReadyWaitTests {
    @Test func waitProbesAgainUntilALateServiceAnswersThenRecordsOneEvent() throws {
        let sandbox = try TemporaryGitRepository()
        let server = try FixtureServer()
        let services = "infrastructure.services=[{name: web, port: \(server.port), url: 'http://127.0.0.1:\(server.port)/ready-after?n=2'}]"
        let result = try sandbox.gibsonHook(["infra-ready", "--json", "--wait", "30s", "--set", services, "--set", "gibson.autoStart=false"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let report = try HealthFixtures.json(result)
        #expect(report["ready"] == true)
        #expect(report["attempts"] == 3)
        #expect(report["services"]?.arrayValue?.first?["status"] == "up")
        let rows = try HealthFixtures.json(try sandbox.gibsonHook(["outbox", "list", "--json"])).arrayValue ?? []
        #expect(rows.compactMap { $0["type"]?.stringValue } == ["ai.gibson.hook.system.infrastructure-ready"])
    }

    @Test func waitIsBoundedAndAServiceThatNeverAnswersIsNotReady() throws {
        let sandbox = try TemporaryGitRepository()
        let result = try sandbox.gibsonHook(
            ["infra-ready", "--wait", "2s", "--set", "infrastructure.services=[{name: db, host: 127.0.0.1, port: 1}]"])
        #expect(result.status == 1)
        #expect(result.stdout == "db: DOWN - 127.0.0.1:1 refused the connection\ninfrastructure not ready\n")
        // Probed at once, after 1 s and when the 2 s are spent (the second pause is cut to what is left).
        #expect(result.stderr == """
            gibson-hook: probed the services 3 times (--wait)
            gibson-hook: required services are down ('db'): activation not started

            """)
    }

    @Test func waitNeedsADuration() throws {
        let sandbox = try TemporaryGitRepository()
        let result = try sandbox.gibsonHook(["infra-ready", "--wait", "soon"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--wait takes a duration such as 30s or 5m, not 'soon'"))
    }
}
