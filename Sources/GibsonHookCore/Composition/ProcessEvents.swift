import Foundation

/// The one event factory of a process. Everything the process stores (a hook's commit event, the workflow
/// start an event trigger adds, `emit`'s events, a workflow start request) is built by `factory`, so a commit
/// and the workflow start it triggers carry the same `source` and record key.
public final class ProcessEvents: @unchecked Sendable {
    private let configuration: Configuration
    private let clock: any WallClock
    private var remoteURL: String?
    private var repository: String?
    private var built: EventFactory?
    private let triggerChain: String?

    /// Events for `configuration`, stamped by `clock`; until `describe` is called they carry the configured
    /// source or the host's (commands run from the shell have no repository to describe). `triggerChain` is
    /// the chain an action runs under (`GIBSON_HOOK_TRIGGER_CHAIN`): every event the process makes carries
    /// it, so an action's own events cannot fire the triggers that ran it.
    public init(configuration: Configuration, clock: any WallClock, triggerChain: String? = nil) {
        self.configuration = configuration
        self.clock = clock
        self.triggerChain = triggerChain
    }

    /// Names the repository the process's events describe, from the context the hook read from git.
    public func describe(_ context: RepositoryContext) {
        remoteURL = context.remote?.url
        // Without a remote the common dir names the repository, so its events still share one key.
        repository = context.remote?.url ?? context.location.commonDir
        built = nil
    }

    /// The factory for the repository described so far.
    public var factory: EventFactory {
        if let built { return built }
        let made = EventFactory(
            configuration: configuration, remoteURL: remoteURL, repository: repository, hostName: EventStamp.hostName,
            clock: clock, triggerChain: triggerChain)
        built = made
        return made
    }
}
