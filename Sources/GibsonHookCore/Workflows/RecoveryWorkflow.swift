import Foundation

/// What a recovery run did.
public struct RecoveryRunResult: Sendable, Equatable {
    /// Remote, local, or skipped.
    public var path: RecoveryPath
    /// Steps (local) or the remote start.
    public var steps: [WorkflowStep]
    /// The last report: after local recovery, or the failing one when the remote engine took over.
    public var finalReport: HealthReport
    /// The deterministic workflow id of this incident (empty when skipped).
    public var workflowId: String = ""
}

/// gibson-recovery-workflow, remote first: start it on the remote engine with a deterministic id; when the
/// engine is not configured or unavailable, run `LocalRecovery` and say so.
public struct RecoveryWorkflow {
    let clock: any WallClock
    let runner: any ProcessRunner
    let starter: (any WorkflowStarter)?
    let emitter: GibsonEventEmitter

    /// Creates the workflow.
    public init(clock: any WallClock, runner: any ProcessRunner, starter: (any WorkflowStarter)?, emitter: GibsonEventEmitter) {
        self.clock = clock
        self.runner = runner
        self.starter = starter
        self.emitter = emitter
    }

    /// Recovers from the failing `report` before `deadline`.
    public func run(from report: HealthReport, options: HealthOptions, deadline: Date) -> RecoveryRunResult {
        let configuration = options.configuration
        guard configuration.workflows.recovery.enabled else {
            return RecoveryRunResult(path: .skipped(reason: "the recovery workflow is disabled"), steps: [], finalReport: report)
        }
        let failure = report.failure ?? .nonZeroExit
        let location = GibsonLocation(configuration: configuration, environment: options.environment)
        let identity = TargetIdentity(location: location, configuration: configuration, environment: options.environment)?.key
            ?? location.requested
        let request = WorkflowRequests.recovery(
            configuration, failure: failure, detail: report.summary, identity: identity,
            host: GibsonEventEmitter.hostName, now: clock.now())
        let startDeadline = min(deadline, clock.now().addingTimeInterval(configuration.delivery.deadline.seconds))
        switch RemoteWorkflowLauncher(starter: starter, configuration: configuration).launch(request, deadline: startDeadline) {
        case .remote(let runId):
            let detail = "started \(request.workflowType) '\(request.workflowId)'" + (runId.map { " (run \($0))" } ?? "")
            emitter.gibson(.recovery, status: .starting, step: "remote-start", metadata: ["workflowId": .string(request.workflowId)])
            return RecoveryRunResult(
                path: .remote(workflowId: request.workflowId), steps: [WorkflowStep(name: "remote-start", ok: true, detail: detail)],
                finalReport: report, workflowId: request.workflowId)
        case .local(let reason):
            let local = LocalRecovery(LocalWorkflowContext(
                configuration: configuration, environment: options.environment, statePaths: options.statePaths, clock: clock,
                runner: runner, emitter: emitter))
            let waitEnd = min(deadline, clock.now().addingTimeInterval(max(configuration.gibson.recovery.wait.seconds, 0)))
            let outcome = local.run(from: report, deadline: waitEnd)
            return RecoveryRunResult(
                path: .local(reason: reason), steps: outcome.steps, finalReport: outcome.finalReport,
                workflowId: request.workflowId)
        }
    }
}
