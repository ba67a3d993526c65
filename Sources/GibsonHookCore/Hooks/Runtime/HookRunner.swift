import Foundation

/// Runs one git hook: the health gate (pre-commit; pre-push by config), then the hook's event into the
/// durable outbox, a detached background flush, and post-commit actions. Never prints, never exits.
public struct HookRunner {
    /// Everything a hook run talks to, passed in so tests can replace it.
    public struct Collaborators {
        /// Reads the repository context (HEAD, branch, commit, remote).
        public var readContext: (_ workingDirectory: String, _ environment: ProcessEnvironment, _ options: ContextOptions) throws -> RepositoryContext
        /// Opens the outbox (only when there is an event to store, so a healthy pre-commit never opens it).
        public var openOutbox: () throws -> (EventRecorder & KeyValueCache)
        /// Runs the health gate (with the process's lazily opened outbox as its recorder and starter).
        public var gate: (HealthOptions) -> HealthGateResult
        /// The process's event factory for the repository just read (the composition root's `ProcessEvents`,
        /// so a commit and the workflow start it triggers share one source).
        public var eventFactory: (RepositoryContext) -> EventFactory
        /// Starts the detached flush.
        public var launcher: BackgroundDeliveryLauncher
        /// Runs post-commit actions.
        public var runner: ProcessRunner
        /// Time for events and breaker decisions.
        public var clock: WallClock

        /// Creates the collaborators.
        public init(
            readContext: @escaping (String, ProcessEnvironment, ContextOptions) throws -> RepositoryContext,
            openOutbox: @escaping () throws -> (EventRecorder & KeyValueCache),
            gate: @escaping (HealthOptions) -> HealthGateResult,
            eventFactory: @escaping (RepositoryContext) -> EventFactory,
            launcher: BackgroundDeliveryLauncher, runner: ProcessRunner, clock: WallClock
        ) {
            self.readContext = readContext
            self.openOutbox = openOutbox
            self.gate = gate
            self.eventFactory = eventFactory
            self.launcher = launcher
            self.runner = runner
            self.clock = clock
        }
    }

    let collaborators: Collaborators

    /// Creates a runner.
    public init(_ collaborators: Collaborators) { self.collaborators = collaborators }

    /// Runs `options.hook`.
    public func run(_ options: HookRunOptions) -> HookRunResult {
        var result = HookRunResult()
        let hooks = options.configuration.hooks
        if options.hook == .preCommit && !hooks.preCommit.enabled {
            result.skipped = true
            return result
        }
        if options.hook == .preCommit || (options.hook == .prePush && hooks.prePushHealthGate) {
            let gateOptions = HealthOptions(
                configuration: options.configuration, environment: options.environment, statePaths: options.statePaths,
                noCache: options.noCache)
            result.gate = collaborators.gate(gateOptions)
            if result.gate?.passed == false { return result }
        }
        return record(options, into: result)
    }

    /// Stores the hook's event, starts background delivery, and runs post-commit actions.
    private func record(_ options: HookRunOptions, into partial: HookRunResult) -> HookRunResult {
        var result = partial
        let input = HookInput.parse(hook: options.hook, arguments: options.arguments, stdin: options.stdin)
        var outbox: (EventRecorder & KeyValueCache)?
        do {
            let events = try buildEvents(options, input: input)
            if !events.isEmpty {
                let store = try collaborators.openOutbox()
                try store.record(events)
                outbox = store
                result.recorded = events
            }
        } catch {
            result.recordFailure = "\(error)"
        }
        if !result.recorded.isEmpty {
            result.delivery = BackgroundDeliveryDecision(launcher: collaborators.launcher, clock: collaborators.clock)
                .run(options: options, breakerState: outbox)
        }
        if options.hook == .postCommit {
            result.actions = PostCommitActions(runner: collaborators.runner, timeout: options.configuration.gibson.timeout.seconds)
                .run(options.configuration.hooks.postCommitActions, environment: options.environment)
        }
        return result
    }

    private func buildEvents(_ options: HookRunOptions, input: HookInput) throws -> [OutboundEvent] {
        if case .checkout(_, _, false) = input { return [] }
        if options.hook == .preCommit { return [] }
        let contextOptions = ContextOptions(
            includeStaged: false, includeChangedFiles: options.hook == .postCommit, maxFiles: CommitEventBounds().maxFiles)
        let context = try collaborators.readContext(options.workingDirectory, options.environment, contextOptions)
        let factory = collaborators.eventFactory(context)
        var metadata: [String: JSONValue] = ["hook": .string(options.hook.rawValue), "gibsonHookVersion": .string(GibsonHookVersion.current)]
        if let ci = CIMetadata.detect(options.environment) { metadata["ci"] = ci.json }
        return HookEventBuilder(factory: factory, metadata: metadata).events(hook: options.hook, input: input, context: context)
    }
}
