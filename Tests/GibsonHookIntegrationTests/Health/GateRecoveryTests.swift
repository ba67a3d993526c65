import Foundation
import Testing
@testable import GibsonHookCore

/// The pre-commit gate in process, with the real runner and the real gibson-cli: a broken executable is
/// restored by the configured restart command.
@Suite struct GateRecoveryTests {
    @Test func theGateRecoversAReplacedExecutableThroughTheRestartCommand() throws {
        let real = try HealthFixtures.realGibson()
        let sandbox = try TemporaryGitRepository()
        try sandbox.allowSlowRealGibson()
        let gibson = sandbox.sandbox.appendingPathComponent("bin/gibson")
        try HealthFixtures.script(gibson, "echo 'ModuleNotFoundError: gibson' >&2\nexit 1")
        let restart = sandbox.sandbox.appendingPathComponent("bin/restart-gibson")
        let healed = sandbox.sandbox.appendingPathComponent("healed-gibson")
        try HealthFixtures.script(healed, "exec '\(real.path)' \"$@\"")
        try HealthFixtures.script(restart, "echo \"$GIBSON_HOOK_FAILURE_REASON ${GIT_INDEX_FILE:-unset}\" > '\(sandbox.sandbox.path)/reason'\ncp '\(healed.path)' '\(gibson.path)'")

        var configuration = Configuration()
        configuration.gibson.recovery.restartCommand = [restart.path]
        // The real gibson takes about 2 s to answer --version, far more on a loaded machine: bounds generous
        // enough that load cannot pass for a hung Gibson (this test is about recovery, not timeouts).
        configuration.gibson.timeout = .seconds(60)
        configuration.gibson.recovery.wait = .seconds(120)
        configuration.hooks.preCommit.timeout = .seconds(180)
        var environment = ProcessEnvironment(sandbox.environment)
        environment["GIBSON_HOOK_GIBSON"] = gibson.path
        environment["GIT_INDEX_FILE"] = "/must/not/leak"
        let options = HealthOptions(
            configuration: configuration, environment: environment,
            statePaths: StatePaths(directory: sandbox.sandbox.appendingPathComponent("state").path))
        let recorder = RecordingOutbox()
        let result = HealthGate(clock: SystemClock(), runner: PosixProcessRunner(), starter: nil, recorder: recorder).run(options)

        #expect(result.passed, "\(result.steps)")
        #expect(result.diagnosis == .nonZeroExit)
        guard case .local = result.recovery else { Issue.record("expected the local fallback"); return }
        #expect(result.steps.map(\.name) == ["diagnose", "backup", "restart", "verify", "complete"])
        #expect(try String(contentsOfFile: sandbox.sandbox.path + "/reason", encoding: .utf8) == "non-zero-exit unset\n")
        #expect(recorder.types.first == "ai.gibson.hook.gibson.error")
        #expect(recorder.types.last == "ai.gibson.hook.gibson.recovery")

        // The next commit passes from the cache without running gibson.
        let again = HealthGate(clock: SystemClock(), runner: PosixProcessRunner(), starter: nil, recorder: nil).run(options)
        #expect(again.passed && again.report.fromCache)
    }
}

final class RecordingOutbox: EventRecorder {
    private(set) var events: [OutboundEvent] = []
    func record(_ events: [OutboundEvent]) throws { self.events += events }
    var types: [String] { events.map(\.event.type) }
}
