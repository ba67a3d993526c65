/// Where gibson-hook keeps its state: the outbox database, the health cache, breaker state and logs.
///
/// `GIBSON_HOOK_STATE_DIR` wins; else `$XDG_STATE_HOME/gibson-hook`; else `~/.local/state/gibson-hook`.
public struct StatePaths: Sendable, Equatable {
    /// The state directory.
    public var directory: String

    /// Resolves the state directory from the environment.
    public init(environment: ProcessEnvironment) {
        if let explicit = environment.nonEmpty("GIBSON_HOOK_STATE_DIR") {
            directory = explicit
        } else if let xdg = environment.nonEmpty("XDG_STATE_HOME") {
            directory = xdg + "/gibson-hook"
        } else {
            directory = (environment.home ?? "/tmp") + "/.local/state/gibson-hook"
        }
    }

    /// Creates paths rooted at `directory`.
    public init(directory: String) { self.directory = directory }

    /// The outbox database, unless the configuration names another.
    public func outboxDatabase(_ configuration: Configuration) -> String {
        configuration.outbox.path ?? directory + "/outbox.sqlite3"
    }

    /// Log of detached background deliveries.
    public var backgroundLog: String { directory + "/background.log" }
}
