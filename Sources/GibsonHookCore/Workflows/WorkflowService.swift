import Foundation

/// What `workflow start` did.
public struct WorkflowRunReport: Sendable, Equatable {
    /// Which workflow.
    public var kind: WorkflowKind
    /// The deterministic workflow id.
    public var workflowId: String
    /// Remote or local, with the reason for local.
    public var route: WorkflowRoute
    /// True when the remote engine took it, or the local steps all succeeded.
    public var succeeded: Bool
    /// The local steps (empty for remote).
    public var steps: [WorkflowStep]
}

/// Why a workflow could not run at all.
public enum WorkflowError: Error, Equatable, CustomStringConvertible {
    /// gibson-scaling-workflow has no local equivalent; the reason says why the remote engine was not used.
    case scalingNeedsRemoteEngine(String)
    /// The workflow is disabled in the configuration.
    case disabled(WorkflowKind)

    public var description: String {
        switch self {
        case .scalingNeedsRemoteEngine(let reason):
            return "gibson-scaling-workflow needs the remote workflow engine and has no local fallback (\(reason)): configure GIBSON_HOOK_TEMPORAL_URL"
        case .disabled(let kind):
            return "the \(kind.rawValue) workflow is disabled in the configuration: set workflows.\(kind.rawValue).enabled to true"
        }
    }
}

/// The `workflow start` use-case: remote first, local fallback (none for scaling).
public struct WorkflowService {
    let tools: RecoveryCollaborators

    /// Creates the use case with its collaborators; `starter` and `recorder` may be nil (local only, no events).
    public init(clock: any WallClock, runner: any ProcessRunner, starter: (any WorkflowStarter)?, recorder: (any EventRecorder)?) {
        tools = RecoveryCollaborators(clock: clock, runner: runner, starter: starter, recorder: recorder)
    }

    /// Starts `kind`.
    public func start(_ kind: WorkflowKind, options: HealthOptions) throws -> WorkflowRunReport {
        let configuration = options.configuration
        guard kind.settings(configuration).enabled else { throw WorkflowError.disabled(kind) }
        let emitter = GibsonEventEmitter(recorder: tools.recorder, configuration: configuration, environment: options.environment, clock: tools.clock)
        let deadline = tools.clock.now().addingTimeInterval(configuration.delivery.deadline.seconds)
        let launcher = RemoteWorkflowLauncher(starter: tools.starter, configuration: configuration)
        let host = GibsonEventEmitter.hostName
        switch kind {
        case .recovery:
            return try startRecovery(options: options, emitter: emitter)
        case .activation:
            let request = WorkflowRequests.activation(configuration, host: host, now: tools.clock.now())
            return run(request, kind: kind, launcher: launcher, deadline: deadline) {
                LocalActivation(LocalWorkflowContext(configuration: configuration, environment: options.environment,
                    statePaths: options.statePaths, clock: tools.clock, runner: tools.runner, emitter: emitter)).run()
            }
        case .scaling:
            let request = WorkflowRequests.scaling(configuration, host: host, now: tools.clock.now())
            let route = launcher.launch(request, deadline: deadline)
            if case .local(let reason) = route { throw WorkflowError.scalingNeedsRemoteEngine(reason) }
            return WorkflowRunReport(kind: kind, workflowId: request.workflowId, route: route, succeeded: true, steps: [])
        }
    }

    /// Recovery starts from a fresh check: a healthy target has nothing to recover.
    private func startRecovery(options: HealthOptions, emitter: GibsonEventEmitter) throws -> WorkflowRunReport {
        let configuration = options.configuration
        let report = HealthCheck(runner: tools.runner, clock: tools.clock).run(
            configuration: configuration, environment: options.environment, statePaths: options.statePaths, noCache: true)
        guard !report.healthy else {
            let id = WorkflowRequests.workflowId(.recovery, host: GibsonEventEmitter.hostName, incident: "healthy", now: tools.clock.now())
            return WorkflowRunReport(
                kind: .recovery, workflowId: id, route: .local(reason: "gibson is healthy"), succeeded: true,
                steps: [WorkflowStep(name: "diagnose", ok: true, detail: "gibson is healthy: nothing to recover")])
        }
        let deadline = tools.clock.now().addingTimeInterval(configuration.hooks.preCommit.timeout.seconds)
        let result = RecoveryWorkflow(clock: tools.clock, runner: tools.runner, starter: tools.starter, emitter: emitter)
            .run(from: report, options: options, deadline: deadline)
        switch result.path {
        case .remote:
            return WorkflowRunReport(
                kind: .recovery, workflowId: result.workflowId, route: .remote(runId: nil), succeeded: true, steps: result.steps)
        case .local(let reason):
            return WorkflowRunReport(
                kind: .recovery, workflowId: result.workflowId, route: .local(reason: reason),
                succeeded: result.finalReport.healthy, steps: result.steps)
        case .skipped, .none:
            // Only a disabled workflow is skipped, and `start` refused that before getting here.
            throw WorkflowError.disabled(.recovery)
        }
    }

    private func run(
        _ request: WorkflowRequest, kind: WorkflowKind, launcher: RemoteWorkflowLauncher, deadline: Date,
        local: () -> [WorkflowStep]
    ) -> WorkflowRunReport {
        switch launcher.launch(request, deadline: deadline) {
        case .remote(let runId):
            return WorkflowRunReport(kind: kind, workflowId: request.workflowId, route: .remote(runId: runId), succeeded: true, steps: [])
        case .local(let reason):
            let steps = local()
            return WorkflowRunReport(
                kind: kind, workflowId: request.workflowId, route: .local(reason: reason),
                succeeded: !steps.isEmpty && steps.allSatisfy(\.ok), steps: steps)
        }
    }
}
