import Foundation
import Testing
@testable import GibsonHookCore

/// Workflows started through the outbox and the Temporal sink against a minimal HTTP stand-in.
@Suite struct RemoteWorkflowTests {
    static let started = #"{"runId":"7124ede7-fef5-4e15-8411-baa23d6beefd","started":true}"#

    /// A sandbox whose gibson fails until `bin/restart-gibson` replaces it with a healthy script.
    func brokenGibson(_ sandbox: TemporaryGitRepository) throws -> (environment: [String: String], restart: String) {
        let gibson = sandbox.sandbox.appendingPathComponent("bin/gibson")
        try HealthFixtures.script(gibson, "echo 'gibson: broken' >&2\nexit 1")
        let healthy = sandbox.sandbox.appendingPathComponent("healthy-gibson")
        try HealthFixtures.script(healthy, "echo 'gibson 0.8.12'")
        let restart = sandbox.sandbox.appendingPathComponent("bin/restart-gibson")
        try HealthFixtures.script(restart, "cp '\(healthy.path)' '\(gibson.path)'")
        return (["GIBSON_HOOK_GIBSON": gibson.path], restart.path)
    }

    @Test func recoveryStartsOnTemporalWithItsInputs() throws {
        let sandbox = try TemporaryGitRepository()
        let temporal = try StatusServer(status: 200, body: Self.started)
        let (environment, restart) = try brokenGibson(sandbox)
        let result = try sandbox.gibsonHook(
            ["workflow", "start", "recovery", "--json", "--set", "sinks.temporal.url=\(temporal.baseURL)",
             "--set", "gibson.recovery.restartCommand=[\(restart)]"], extraEnvironment: environment)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let report = try HealthFixtures.json(result)
        #expect(report["route"] == "remote")
        let id = report["workflowId"]?.stringValue ?? ""
        #expect(id.hasPrefix("gibson-recovery-"))
        let request = temporal.requests.first ?? ""
        #expect(request.hasPrefix("POST /api/v1/namespaces/default/workflows/\(id) HTTP/1.1"))
        let body = try JSONValue.parse(String(request.split(separator: "\n\n", maxSplits: 1).last ?? ""))
        #expect(body["workflowType"]?["name"] == "gibson-recovery-workflow")
        // One JSON payload: the RecoveryInput.
        let payload = body["input"]?["payloads"]?.arrayValue?.first?["data"]?.stringValue ?? ""
        let input = try JSONValue.parse(Data(base64Encoded: payload) ?? Data())
        #expect(input["failureReason"] == "non-zero-exit")
        #expect(input["restartConfig"]?["command"] == .array([.string(restart)]))
        // The engine does the work: the local restart command did not run.
        #expect(try String(contentsOfFile: environment["GIBSON_HOOK_GIBSON"]!, encoding: .utf8).contains("exit 1"))
    }

    @Test func aRejectedStartFallsBackToLocalRecoveryAndSaysWhy() throws {
        let sandbox = try TemporaryGitRepository()
        let temporal = try StatusServer(status: 400, body: #"{"code":3,"message":"WorkflowType is not set on request."}"#)
        let (environment, restart) = try brokenGibson(sandbox)
        let result = try sandbox.gibsonHook(
            ["workflow", "start", "recovery", "--json", "--set", "sinks.temporal.url=\(temporal.baseURL)",
             "--set", "gibson.recovery.restartCommand=[\(restart)]"], extraEnvironment: environment)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let report = try HealthFixtures.json(result)
        #expect(report["route"] == "local")
        #expect(report["reason"]?.stringValue?.hasPrefix("temporal rejected the start: temporal answered HTTP 400: WorkflowType is not set") == true)
        #expect(report["steps"]?.arrayValue?.contains { $0["name"] == "restart" && $0["ok"] == true } == true)
    }

    @Test func scalingStartsRemotelyAndFailsWhenTheEngineIsDown() throws {
        let sandbox = try TemporaryGitRepository()
        let temporal = try StatusServer(status: 200, body: Self.started)
        let started = try sandbox.gibsonHook(
            ["workflow", "start", "scaling", "--json", "--set", "sinks.temporal.url=\(temporal.baseURL)"])
        #expect(started.status == 0, "\(started.stdout)\(started.stderr)")
        #expect(try HealthFixtures.json(started)["route"] == "remote")
        #expect(temporal.requests.first?.contains("gibson-scaling-workflow") == true)

        let down = try sandbox.gibsonHook(["workflow", "start", "scaling", "--set", "sinks.temporal.url=http://127.0.0.1:1"])
        #expect(down.status == 1)
        #expect(down.stderr.contains("gibson-scaling-workflow needs the remote workflow engine and has no local fallback (temporal is unavailable:"))
    }
}
