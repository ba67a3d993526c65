import Foundation

/// One invocation of a hook command, as the shim passes it on.
public struct HookRunOptions: Sendable {
    /// Which hook runs.
    public var hook: HookName
    /// git's arguments to the hook.
    public var arguments: [String]
    /// git's stdin to the hook (pre-push refs, post-rewrite pairs; empty otherwise).
    public var stdin: String
    /// The effective configuration.
    public var configuration: Configuration
    /// The hook's environment (git's local variables included; children get them removed).
    public var environment: ProcessEnvironment
    /// Where git ran the hook (the work tree's top).
    public var workingDirectory: String
    /// The state directory (outbox, health cache, background log).
    public var statePaths: StatePaths
    /// Bypass the health cache in the gate.
    public var noCache: Bool

    /// Creates options.
    public init(
        hook: HookName, arguments: [String] = [], stdin: String = "", configuration: Configuration,
        environment: ProcessEnvironment, workingDirectory: String, statePaths: StatePaths, noCache: Bool = false
    ) {
        self.hook = hook
        self.arguments = arguments
        self.stdin = stdin
        self.configuration = configuration
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.statePaths = statePaths
        self.noCache = noCache
    }
}

/// What happened to background delivery after an event was stored.
public enum BackgroundDeliveryOutcome: Sendable, Equatable {
    /// No event was stored, so there was nothing to deliver.
    case notNeeded
    /// No sink is configured: the event waits in the outbox.
    case noSinkConfigured
    /// `hooks.backgroundDelivery` is off: `gibson-hook flush` delivers later.
    case disabled
    /// Every configured sink's circuit breaker is open: a later flush delivers.
    case breakerOpen(endpoints: [String])
    /// A detached `gibson-hook flush` was started.
    case started(pid: Int32)
    /// It could not be started (the event is still safe in the outbox).
    case failed(reason: String)
}

/// The result of one post-commit action.
public struct PostCommitActionResult: Sendable, Equatable {
    /// The action's argv.
    public var argv: [String]
    /// Exit status, nil when it did not exit normally (signal, timeout, could not start).
    public var status: Int32?
    /// Why it failed, with the end of its output.
    public var failure: String?
}

/// Everything a hook run did, for the command to report.
public struct HookRunResult: Sendable, Equatable {
    /// `GIBSON_HOOK=0` or the gate disabled: nothing ran.
    public var skipped = false
    /// The health gate's result, when it ran.
    public var gate: HealthGateResult?
    /// Events stored durably in the outbox.
    public var recorded: [OutboundEvent] = []
    /// Why the event could not be stored (reported as a warning: a hook that cannot block never fails).
    public var recordFailure: String?
    /// What happened to background delivery.
    public var delivery = BackgroundDeliveryOutcome.notNeeded
    /// The post-commit actions' results.
    public var actions: [PostCommitActionResult] = []

    /// The hook's exit status: only a failed gate blocks git.
    public var exitCode: HookExitCode { gate.map { $0.passed ? .success : .failure } ?? .success }
}
