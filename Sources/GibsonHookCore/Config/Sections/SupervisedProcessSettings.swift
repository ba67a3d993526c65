/// `gibson.process`: a long-running Gibson process (for example a `gibson` server a team uses) that
/// `health --watch` starts when `gibson.autoStart` is set and restarts per `gibson.restartPolicy`, at most
/// `gibson.maxRetries` times in a row with `gibson.recovery.backoff` doubling between attempts. See
/// `GibsonSupervisor` and docs/health.md.
public struct SupervisedProcessSettings: Sendable, Equatable {
    /// argv of the process, run without a shell; nil (the default) supervises nothing.
    public var command: [String]? = nil
    /// Start-up grace: for this long after each start, until its first healthy round, failing probes neither
    /// recover nor restart the process (the round reports `starting`).
    public var startTimeout = DurationValue.seconds(30)

    public init() {}
}

extension ConfigurationSchema {
    static var supervisedProcess: ObjectSchema<SupervisedProcessSettings> { ObjectSchema<SupervisedProcessSettings>([
        .optional("command", \.command, argv),
        .value("startTimeout", \.startTimeout, .duration),
    ]) }
}
