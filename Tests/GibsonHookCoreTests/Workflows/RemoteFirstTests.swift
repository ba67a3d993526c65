import Foundation
import Testing
@testable import GibsonHookCore

@Suite struct RemoteFirstTests {
    func sandboxWithTemporal() throws -> HealthSandbox {
        let sandbox = try HealthSandbox()
        sandbox.configuration.sinks.temporal.url = "http://127.0.0.1:7243"
        sandbox.configuration.gibson.recovery.restartCommand = ["/usr/bin/restart-gibson"]
        return sandbox
    }

    @Test func recoveryStartsRemotelyAndTheGateWaitsForTheEngineToHeal() throws {
        let sandbox = try sandboxWithTemporal()
        let clock = FakeClock()
        var checks = 0
        let runner = FakeRunner { _ in
            checks += 1
            return checks >= 3 ? healthy : failing
        }
        let starter = FakeStarter(.started(runId: "run-1"))
        let result = HealthGate(clock: clock, runner: runner, starter: starter, recorder: nil).run(sandbox.options)
        #expect(result.passed)
        guard case .remote(let id) = result.recovery else { Issue.record("expected remote, got \(result.recovery)"); return }
        #expect(starter.requests.count == 1)
        #expect(starter.requests[0].workflowType == "gibson-recovery-workflow")
        #expect(starter.requests[0].workflowId == id)
        #expect(!id.contains("/"))
        let input = starter.requests[0].input[0]
        #expect(input["failureReason"] == "non-zero-exit")
        #expect(input["restartConfig"]?["policy"] == "on-failure")
        #expect(input["restartConfig"]?["maxRetries"] == 3)
        #expect(runner.count(executable: "/usr/bin/restart-gibson") == 0)
        #expect(clock.sleeps == [1, 2])
    }

    @Test func anUnavailableEngineFallsBackToLocalAndSaysWhy() throws {
        let sandbox = try sandboxWithTemporal()
        let runner = LocalRecoveryTests.runner(healAfter: 1)
        let starter = FakeStarter(.unavailable(reason: "breaker open"))
        let result = HealthGate(clock: FakeClock(), runner: runner, starter: starter, recorder: nil).run(sandbox.options)
        #expect(result.passed)
        #expect(result.recovery == .local(reason: "temporal is unavailable: breaker open"))
        #expect(runner.count(executable: "/usr/bin/restart-gibson") == 1)
    }

    @Test func theSameIncidentKeepsItsWorkflowIdAcrossRetries() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let a = WorkflowRequests.workflowId(.recovery, host: "build/host 1", incident: "x|timeout", now: now)
        let b = WorkflowRequests.workflowId(.recovery, host: "build/host 1", incident: "x|timeout", now: now.addingTimeInterval(60))
        let c = WorkflowRequests.workflowId(.recovery, host: "build/host 1", incident: "x|non-zero-exit", now: now)
        #expect(a == b)
        #expect(a != c)
        #expect(a.hasPrefix("gibson-recovery-build-host-1-"))
        #expect(!a.contains("/"))
    }

    @Test func scalingNeedsTheRemoteEngine() throws {
        let sandbox = try HealthSandbox()
        let service = WorkflowService(clock: FakeClock(), runner: FakeRunner(), starter: nil, recorder: nil)
        #expect(throws: WorkflowError.self) { try service.start(.scaling, options: sandbox.options) }
        do {
            _ = try service.start(.scaling, options: sandbox.options)
        } catch {
            #expect("\(error)".contains("needs the remote workflow engine"))
        }
        sandbox.configuration.sinks.temporal.url = "http://127.0.0.1:7243"
        let starter = FakeStarter(.started(runId: nil))
        let report = try WorkflowService(clock: FakeClock(), runner: FakeRunner(), starter: starter, recorder: nil)
            .start(.scaling, options: sandbox.options)
        #expect(report.route == .remote(runId: nil))
        #expect(starter.requests[0].workflowType == "gibson-scaling-workflow")
    }

    @Test func localActivationChecksHealthConfigCredentialsAndMCP() throws {
        let sandbox = try HealthSandbox()
        let recorder = FakeRecorder()
        let mcp = Array(MCPProbeTests.answers.utf8)
        let runner = FakeRunner { request in
            request.arguments == ["mcp", "run"] ? ProcessResult(termination: .signalled(15), standardOutput: mcp, stoppedEarly: true) : healthy
        }
        let service = WorkflowService(clock: FakeClock(), runner: runner, starter: nil, recorder: recorder)
        let missing = try service.start(.activation, options: sandbox.options)
        #expect(!missing.succeeded)
        #expect(missing.steps.map(\.name) == ["health", "config", "credentials"])
        var options = sandbox.options
        options.environment["GIBSONAI_API_KEY"] = "key"
        let report = try service.start(.activation, options: options)
        #expect(report.succeeded)
        #expect(report.steps.map(\.name) == ["health", "config", "credentials", "mcp"])
        #expect(recorder.types.allSatisfy { $0 == "ai.gibson.hook.gibson.activation" })
        #expect(recorder.events.last?.event.data?["serviceStatus"] == "running")
    }
}
