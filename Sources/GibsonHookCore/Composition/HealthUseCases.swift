import Foundation

extension GibsonHook {
    /// `health`: probes Gibson now, or answers from a fresh cached healthy result unless `noCache`.
    public func checkHealth(noCache: Bool) -> HealthReport {
        HealthCheck(runner: runner, clock: clock).run(
            configuration: configuration, environment: context.environment, statePaths: statePaths, noCache: noCache)
    }

    /// `health --revalidate`, the detached re-check the pre-commit gate starts when the cached healthy result
    /// has expired: probes now, refreshes or clears the cache, records a `gibson.health-check` event.
    public func revalidateHealth() -> HealthReport {
        defer { RevalidationMarker(statePaths: statePaths).release() }
        let report = checkHealth(noCache: true)
        GibsonEventEmitter(recorder: outbox, configuration: configuration, environment: context.environment, clock: clock)
            .gibson(
                .healthCheck, status: report.healthy ? .running : .error, step: "revalidate",
                metadata: ["summary": .string(report.summary), "healthy": .bool(report.healthy)])
        return report
    }

    /// `health --watch`: probes every `gibson.healthCheckInterval`, records a health-check event each round and
    /// recovers (remote first, local fallback) when Gibson breaks; `rounds` nil runs until stopped.
    /// With `gibson.process.command` set it also supervises that process (`GibsonSupervisor`).
    public func watchHealth(rounds: Int?, launcher: any ChildLauncher = PosixChildLauncher(), onRound: (HealthMonitor.Round) -> Void) {
        let supervisor = GibsonSupervisor(
            configuration: configuration, environment: context.environment, statePaths: statePaths, launcher: launcher,
            clock: clock,
            emitter: GibsonEventEmitter(recorder: outbox, configuration: configuration, environment: context.environment, clock: clock))
        HealthMonitor(runner: runner, clock: clock, starter: starter, recorder: outbox)
            .run(healthOptions(noCache: true), rounds: rounds, supervisor: supervisor, onRound: onRound)
    }

    /// `infra-ready`: probes the services, records infrastructure-ready, then starts activation. With `wait`
    /// (`--wait`) it probes again with backoff until the required services answer or `wait` is spent.
    public func infraReady(wait: DurationValue? = nil) -> InfraReadyReport {
        InfraReady(clock: clock, runner: runner, starter: starter, recorder: outbox).run(healthOptions(), wait: wait?.seconds)
    }

    /// `validate`: Gibson's health, the services, the sinks and the hooks' wiring, as findings.
    public func validate() -> ValidationReport {
        Validation(clock: clock, runner: runner, hooks: HookWiringCheck(workingDirectory: context.workingDirectory))
            .run(healthOptions(noCache: true))
    }

    /// `workflow start <kind>`: on Temporal when configured, else the local steps (scaling needs Temporal).
    public func startWorkflow(_ kind: WorkflowKind) throws -> WorkflowRunReport {
        try WorkflowService(clock: clock, runner: runner, starter: starter, recorder: outbox).start(kind, options: healthOptions())
    }

    /// What to do about an unhealthy `report`, for people.
    public func remedies(for report: HealthReport) -> [String] {
        HealthGate.remedies(for: report, configuration: configuration)
    }
}
