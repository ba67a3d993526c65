import Foundation

/// The pre-commit health gate: pass fast when Gibson is healthy (or cached healthy); otherwise trigger
/// gibson-recovery-workflow (remote first, local fallback), wait up to `recovery.wait` re-checking, all
/// within `hooks.preCommit.timeout`; block with a diagnosis and remedies when Gibson stays unhealthy.
public struct HealthGate {
    let tools: RecoveryCollaborators
    let revalidator: (any HealthRevalidationLauncher)?

    /// Creates the use case with its collaborators; `starter` and `recorder` may be nil (local only, no
    /// events); without a `revalidator` an expired healthy result is always re-checked before the commit.
    public init(
        clock: any WallClock, runner: any ProcessRunner, starter: (any WorkflowStarter)?, recorder: (any EventRecorder)?,
        revalidator: (any HealthRevalidationLauncher)? = nil
    ) {
        tools = RecoveryCollaborators(clock: clock, runner: runner, starter: starter, recorder: recorder)
        self.revalidator = revalidator
    }

    /// Runs the gate.
    public func run(_ options: HealthOptions) -> HealthGateResult {
        if let passed = passWhileRevalidating(options) { return passed }
        let configuration = options.configuration
        let started = tools.clock.now()
        let deadline = started.addingTimeInterval(configuration.hooks.preCommit.timeout.seconds)
        let check = HealthCheck(runner: tools.runner, clock: tools.clock)
        let first = check.run(
            configuration: configuration, environment: options.environment, statePaths: options.statePaths,
            noCache: options.noCache, timeoutCap: configuration.hooks.preCommit.timeout.seconds)
        if first.healthy {
            return HealthGateResult(passed: true, report: first, diagnosis: nil, recovery: .none, steps: [], remedies: [])
        }
        let emitter = GibsonEventEmitter(recorder: tools.recorder, configuration: configuration, environment: options.environment, clock: tools.clock)
        let recovery = RecoveryWorkflow(clock: tools.clock, runner: tools.runner, starter: tools.starter, emitter: emitter)
            .run(from: first, options: options, deadline: deadline)
        var report = recovery.finalReport
        if case .remote = recovery.path {
            report = waitForRemoteRecovery(check, options: options, deadline: deadline, last: report)
        }
        let passed = report.healthy
        return HealthGateResult(
            passed: passed, report: report, diagnosis: first.failure, recovery: recovery.path, steps: recovery.steps,
            remedies: passed ? [] : Self.remedies(for: first, configuration: configuration))
    }

    /// Stale-while-revalidate: when Gibson was found healthy last time but that result has expired (and
    /// `gibson.revalidate` is `background`), passes at once and starts a detached re-check. Nil when the gate
    /// must probe now: never checked, known unhealthy, another target, `--no-cache`, or the launch failed.
    private func passWhileRevalidating(_ options: HealthOptions) -> HealthGateResult? {
        let configuration = options.configuration
        let gibson = configuration.gibson
        guard !options.noCache, gibson.revalidate == .background, gibson.cacheTTL.seconds > 0, let revalidator else { return nil }
        let location = GibsonLocation(configuration: configuration, environment: options.environment)
        guard let identity = TargetIdentity(location: location, configuration: configuration, environment: options.environment)
        else { return nil }
        let now = tools.clock.now()
        guard HealthCache(statePaths: options.statePaths).isStaleHealthy(identity, now: now, ttl: gibson.cacheTTL) else { return nil }
        let marker = RevalidationMarker(statePaths: options.statePaths)
        // A re-check already under way (a burst of commits) is enough: pass without starting another.
        let staleAfter = max(60, 2 * gibson.timeout.seconds * Double(max(1, gibson.probes.count)))
        if marker.claim(now: now, staleAfter: staleAfter) {
            do {
                _ = try revalidator.launch(environment: options.environment, statePaths: options.statePaths)
            } catch {
                marker.release()
                return nil
            }
        }
        let report = HealthReport(
            executable: location.requested, resolvedPath: location.resolvedPath, probes: [], failure: nil,
            fromCache: true, checkedAt: now)
        var result = HealthGateResult(passed: true, report: report, diagnosis: nil, recovery: .none, steps: [], remedies: [])
        result.revalidating = true
        return result
    }

    /// Re-checks with growing pauses until healthy, `recovery.wait` has passed, or the gate's deadline.
    private func waitForRemoteRecovery(_ check: HealthCheck, options: HealthOptions, deadline: Date, last: HealthReport) -> HealthReport {
        let waitEnd = min(deadline, tools.clock.now().addingTimeInterval(options.configuration.gibson.recovery.wait.seconds))
        var report = last
        var pause = 1.0
        while !report.healthy {
            let remaining = waitEnd.timeIntervalSince(tools.clock.now())
            guard remaining > 0 else { break }
            tools.clock.sleep(seconds: min(pause, remaining))
            pause = min(pause * 2, 8)
            let left = deadline.timeIntervalSince(tools.clock.now())
            guard left > 0 else { break }
            report = check.run(
                configuration: options.configuration, environment: options.environment, statePaths: options.statePaths,
                noCache: true, timeoutCap: left)
        }
        return report
    }

    /// What the user can do about `report`, most specific first, always ending with how to skip.
    /// What the user can do about a failing report (public so the hook and `health` print the same hints).
    public static func remedies(for report: HealthReport, configuration: Configuration) -> [String] {
        var remedies: [String] = []
        switch report.failure {
        case .missingExecutable:
            remedies.append("install gibson-cli ('pip install gibson-cli') or point GIBSON_HOOK_GIBSON at the executable")
        case .badConfiguration:
            remedies.append("fix or remove '\(configuration.gibson.stateDirectory)/config', then run 'gibson conf'")
        case .timeout:
            remedies.append("gibson did not answer in time: check it with 'gibson help' and raise gibson.timeout if it is just slow")
        default:
            remedies.append("run 'gibson-hook health --no-cache' to see the failing probe, then repair gibson")
        }
        if configuration.gibson.recovery.restartCommand == nil {
            remedies.append("set gibson.recovery.restartCommand so recovery can restart gibson for you")
        }
        remedies.append("to commit anyway, skip the hooks once: GIBSON_HOOK=0 git commit …")
        return remedies
    }
}
