/// Per-hook behaviour.
public struct HookSettings: Sendable, Equatable {
    /// Pre-commit health gate.
    public var preCommit = PreCommitSettings()
    /// argv lists run after each commit (the real gibson-cli has no `schema validate`: none by default).
    public var postCommitActions: [[String]] = []
    /// Deliver post-commit events in a detached background process.
    public var backgroundDelivery = true
    /// Also run the health gate in pre-push.
    public var prePushHealthGate = false

    public init() {}
}

/// The pre-commit gate.
public struct PreCommitSettings: Sendable, Equatable {
    public var enabled = true
    /// Upper bound on the whole gate, recovery included.
    public var timeout = DurationValue.seconds(45)

    public init() {}
}
