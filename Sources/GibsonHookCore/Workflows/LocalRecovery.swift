import Foundation

/// The result of a local recovery run.
public struct LocalRecoveryOutcome: Sendable, Equatable {
    /// True when the final verification found Gibson healthy.
    public var recovered: Bool
    /// The steps in order.
    public var steps: [WorkflowStep]
    /// The last health report.
    public var finalReport: HealthReport
    /// Restart attempts made.
    public var restartAttempts: Int
}

/// The local fallback of gibson-recovery-workflow: diagnose → back up Gibson's state → repair a corrupt
/// config → restart per restartPolicy with maxRetries and exponential backoff → reinstall (optional) →
/// verify → restore the backed-up state when verification shows files were lost. Each step emits a
/// GibsonEvent.
public struct LocalRecovery {
    let context: LocalWorkflowContext
    let prober: HealthProber

    /// The recovery activities, run with `context`.
    init(_ context: LocalWorkflowContext) {
        self.context = context
        prober = HealthProber(runner: context.runner, environment: context.environment)
    }

    /// Where the state backups are kept: the `gibson-hook state` store.
    public var backupDirectory: String { context.statePaths.directory + "/gibson-state-backups" }

    /// Recovers from `report` (a failing check), giving up at `deadline`.
    public func run(from report: HealthReport, deadline: Date) -> LocalRecoveryOutcome {
        var run = RecoveryRun(recovery: self, deadline: deadline, report: report)
        let failure = report.failure ?? .nonZeroExit
        run.step("diagnose", ok: true, report.summary, event: .error, status: .error)
        let inspector = GibsonStateInspector(configuration: context.configuration, environment: context.environment)
        let filesBefore = Set(inspector.fileNames())
        let backedUp = run.backUp(inspector)
        var quarantined: Set<String> = []
        if failure == .badConfiguration || inspector.configIsCorrupt {
            if run.repairConfig(inspector) { quarantined.insert("config") }
            run.verify()
        }
        if !run.report.healthy { run.restartLoop(failure: failure) }
        if backedUp {
            let lost = filesBefore.subtracting(inspector.fileNames()).subtracting(quarantined)
            run.restore(inspector, lost: lost)
        }
        let healthy = run.report.healthy
        run.step(
            "complete", ok: healthy,
            healthy ? "gibson recovered" : "gibson is still unhealthy: \(run.report.summary)",
            event: .recovery, status: healthy ? .running : .error)
        return LocalRecoveryOutcome(recovered: healthy, steps: run.steps, finalReport: run.report, restartAttempts: run.attempts)
    }
}
