import Foundation
import Testing
@testable import GibsonHookCore

@Suite struct LocalRecoveryTests {
    /// Gibson fails until the restart command has run `healAfter` times.
    static func runner(healAfter: Int) -> FakeRunner {
        var restarts = 0
        return FakeRunner { request in
            if request.executable == "/usr/bin/restart-gibson" {
                restarts += 1
                return ProcessResult(termination: .exited(0))
            }
            return restarts >= healAfter ? healthy : failing
        }
    }

    func gate(_ sandbox: HealthSandbox, _ runner: FakeRunner, clock: FakeClock = FakeClock(), starter: FakeStarter? = nil, recorder: FakeRecorder? = nil) -> HealthGateResult {
        HealthGate(clock: clock, runner: runner, starter: starter, recorder: recorder).run(sandbox.options)
    }

    @Test func onFailureRestartsUntilHealthyWithExponentialBackoff() throws {
        let sandbox = try HealthSandbox()
        sandbox.configuration.gibson.recovery.restartCommand = ["/usr/bin/restart-gibson", "--now"]
        sandbox.configuration.gibson.maxRetries = 5
        let runner = Self.runner(healAfter: 3)
        let clock = FakeClock()
        let recorder = FakeRecorder()
        let result = gate(sandbox, runner, clock: clock, recorder: recorder)
        #expect(result.passed)
        #expect(result.diagnosis == .nonZeroExit)
        #expect(result.recovery == .local(reason: "temporal is not configured (set GIBSON_HOOK_TEMPORAL_URL to use the remote engine)"))
        #expect(runner.count(executable: "/usr/bin/restart-gibson") == 3)
        #expect(runner.requests.first { $0.executable == "/usr/bin/restart-gibson" }?.environment["GIBSON_HOOK_FAILURE_REASON"] == "non-zero-exit")
        #expect(clock.sleeps == [1, 2])
        #expect(result.steps.map(\.name).prefix(2) == ["diagnose", "backup"])
        #expect(recorder.types.contains("ai.gibson.hook.gibson.error"))
        #expect(recorder.types.last == "ai.gibson.hook.gibson.recovery")
        #expect(recorder.events.last?.event.data?["metadata"]?["step"] == "complete")
        #expect(recorder.events.allSatisfy { $0.topic == "gibson-events" })
    }

    @Test func maxRetriesBoundsTheAttemptsAndThenReinstallIsTried() throws {
        let sandbox = try HealthSandbox()
        sandbox.configuration.gibson.recovery.restartCommand = ["/usr/bin/restart-gibson"]
        sandbox.configuration.gibson.recovery.reinstallCommand = ["/usr/bin/reinstall-gibson"]
        sandbox.configuration.gibson.maxRetries = 2
        let runner = Self.runner(healAfter: 99)
        let clock = FakeClock()
        let result = gate(sandbox, runner, clock: clock)
        #expect(!result.passed)
        #expect(runner.count(executable: "/usr/bin/restart-gibson") == 2)
        #expect(runner.count(executable: "/usr/bin/reinstall-gibson") == 1)
        #expect(clock.sleeps == [1])
        #expect(result.remedies.last == "to commit anyway, skip the hooks once: GIBSON_HOOK=0 git commit …")
        #expect(result.exitCode == .failure)
    }

    @Test func neverDoesNotRestart() throws {
        let sandbox = try HealthSandbox()
        sandbox.configuration.gibson.restartPolicy = .never
        sandbox.configuration.gibson.recovery.restartCommand = ["/usr/bin/restart-gibson"]
        let runner = Self.runner(healAfter: 1)
        let result = gate(sandbox, runner)
        #expect(!result.passed)
        #expect(runner.count(executable: "/usr/bin/restart-gibson") == 0)
        #expect(result.steps.contains { $0.name == "restart" && $0.detail.contains("'never'") })
    }

    @Test func alwaysRestartsLikeOnFailure() throws {
        let sandbox = try HealthSandbox()
        sandbox.configuration.gibson.restartPolicy = .always
        sandbox.configuration.gibson.recovery.restartCommand = ["/usr/bin/restart-gibson"]
        let runner = Self.runner(healAfter: 1)
        #expect(gate(sandbox, runner).passed)
        #expect(runner.count(executable: "/usr/bin/restart-gibson") == 1)
    }

    @Test func stateLostDuringRestartIsRestoredFromTheBackup() throws {
        let sandbox = try HealthSandbox()
        let auth = sandbox.gibsonState + "/auth"
        try "token".write(toFile: auth, atomically: true, encoding: .utf8)
        sandbox.configuration.gibson.recovery.restartCommand = ["/usr/bin/restart-gibson"]
        var restarted = false
        let runner = FakeRunner { request in
            if request.executable == "/usr/bin/restart-gibson" {
                // A restart that wipes Gibson's state.
                try? FileManager.default.removeItem(atPath: auth)
                restarted = true
                return ProcessResult(termination: .exited(0))
            }
            return restarted ? healthy : failing
        }
        let result = gate(sandbox, runner)
        #expect(result.passed)
        #expect(try String(contentsOfFile: auth, encoding: .utf8) == "token")
        #expect(result.steps.contains { $0.name == "restore" && $0.detail.contains("1 file") })
    }

    @Test func aCorruptConfigIsQuarantinedNotRestored() throws {
        let sandbox = try HealthSandbox()
        let config = sandbox.gibsonState + "/config"
        try "{broken".write(toFile: config, atomically: true, encoding: .utf8)
        let runner = FakeRunner { _ in FileManager.default.fileExists(atPath: config) ? failing : healthy }
        let result = gate(sandbox, runner)
        #expect(result.passed)
        #expect(result.diagnosis == .badConfiguration)
        #expect(!FileManager.default.fileExists(atPath: config))
        #expect(result.steps.map(\.name) == ["diagnose", "backup", "repair", "verify", "complete"])
    }

    @Test func theGateStopsAtItsTimeout() throws {
        let sandbox = try HealthSandbox()
        sandbox.configuration.gibson.recovery.restartCommand = ["/usr/bin/restart-gibson"]
        sandbox.configuration.gibson.maxRetries = 100
        sandbox.configuration.hooks.preCommit.timeout = .seconds(20)
        let clock = FakeClock()
        let runner = Self.runner(healAfter: 1000)
        runner.clock = clock
        runner.costSeconds = 3
        let started = clock.now()
        let result = gate(sandbox, runner, clock: clock)
        #expect(!result.passed)
        #expect(runner.count(executable: "/usr/bin/restart-gibson") < 10)
        // One probe or restart may start just before the deadline and cost its own timeout.
        #expect(clock.now().timeIntervalSince(started) <= 20 + 3 + 3)
        for request in runner.requests { #expect(request.timeout <= 20) }
    }

    @Test func aHealthyOrCachedTargetPassesWithoutRecovery() throws {
        let sandbox = try HealthSandbox()
        let runner = FakeRunner { _ in healthy }
        let starter = FakeStarter(.started(runId: "r"))
        let first = gate(sandbox, runner, starter: starter)
        let second = gate(sandbox, runner, starter: starter)
        #expect(first.passed && first.recovery == .none && !first.report.fromCache)
        #expect(second.passed && second.report.fromCache)
        #expect(runner.requests.count == 1)
        #expect(starter.requests.isEmpty)
    }
}
