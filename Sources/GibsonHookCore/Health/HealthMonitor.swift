import Foundation

/// `health --watch`: the design document's health monitoring. Every `gibson.healthCheckInterval` it probes
/// Gibson (never from the cache), records a `gibson.health-check` event, and when Gibson is unhealthy runs
/// the same gate as pre-commit: gibson-recovery-workflow on the remote engine first, the local fallback
/// otherwise, within the restartPolicy and maxRetries.
public struct HealthMonitor {
    let check: HealthCheck
    let gate: HealthGate
    let recorder: (any EventRecorder)?
    let clock: any WallClock

    /// One round of monitoring.
    public struct Round: Sendable {
        /// The probe's answer.
        public var report: HealthReport
        /// The gate's result when the probe failed (recovery attempted), else nil.
        public var recovery: HealthGateResult?
        /// The probe failed while the supervised process was still starting (within
        /// `gibson.process.startTimeout` of its start, before its first healthy round): no recovery ran and
        /// the failure does not count against the process.
        public var starting = false

        /// Healthy after this round: the probe passed, or recovery brought Gibson back.
        public var healthy: Bool { report.healthy || recovery?.passed == true }
    }

    /// Creates the monitor from the same collaborators as the gate.
    public init(runner: any ProcessRunner, clock: any WallClock, starter: (any WorkflowStarter)?, recorder: (any EventRecorder)?) {
        check = HealthCheck(runner: runner, clock: clock)
        gate = HealthGate(clock: clock, runner: runner, starter: starter, recorder: recorder)
        self.recorder = recorder
        self.clock = clock
    }

    /// Runs `rounds` rounds (nil: until the process is stopped), calling `onRound` after each. With a
    /// `supervisor` the watch starts the supervised Gibson process first, watches it between rounds and
    /// stops it at the end (see `GibsonSupervisor`).
    public func run(_ options: HealthOptions, rounds: Int?, supervisor: GibsonSupervisor? = nil, onRound: (Round) -> Void) {
        if let supervisor {
            StopRequest.listen()
            supervisor.begin()
        }
        defer { supervisor?.end() }
        var done = 0
        while (rounds.map({ done < $0 }) ?? true) && !StopRequest.requested {
            let started = clock.now()
            supervisor?.roundBegins()
            let round = runOnce(options, starting: { supervisor?.isStarting == true })
            supervisor?.roundEnded(healthy: round.healthy, starting: round.starting)
            onRound(round)
            done += 1
            if let rounds, done >= rounds { break }
            if StopRequest.requested { break }
            let interval = options.configuration.gibson.healthCheckInterval.seconds
            let left = max(0, interval - clock.now().timeIntervalSince(started))
            if let supervisor { supervisor.wait(seconds: left) } else { clock.sleep(seconds: left) }
        }
    }

    /// One probe, its event, and recovery when it failed (unless `starting` says the supervised process is
    /// still within its start-up grace).
    func runOnce(_ options: HealthOptions, starting: () -> Bool = { false }) -> Round {
        let report = check.run(
            configuration: options.configuration, environment: options.environment, statePaths: options.statePaths,
            noCache: true)
        let emitter = GibsonEventEmitter(
            recorder: recorder, configuration: options.configuration, environment: options.environment, clock: clock)
        let inGrace = !report.healthy && starting()
        var metadata: [String: JSONValue] = ["summary": .string(report.summary), "healthy": .bool(report.healthy)]
        if inGrace { metadata["starting"] = .bool(true) }
        emitter.gibson(
            .healthCheck, status: report.healthy ? .running : inGrace ? .starting : .error, step: "health-monitor",
            metadata: metadata)
        guard !report.healthy else { return Round(report: report, recovery: nil) }
        if inGrace { return Round(report: report, recovery: nil, starting: true) }
        return Round(report: report, recovery: gate.run(options))
    }
}
