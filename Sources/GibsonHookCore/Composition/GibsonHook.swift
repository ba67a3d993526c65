import Foundation

/// The composition root: built once per process from the configuration and the `ProcessContext`, it builds
/// every use case with its collaborators (outbox, workflow starter, recorder, process runner, clock, sinks).
/// The CLI parses flags, asks this type for one use case, runs it and presents the result.
///
/// Collaborators are lazy: the outbox opens on first use (a healthy pre-commit opens no database) and sinks,
/// and with them libcurl, are built only by the use cases that deliver.
public final class GibsonHook {
    /// The effective configuration.
    public let configuration: Configuration
    /// The process this root serves.
    public let context: ProcessContext
    /// Where the outbox, health cache and background log live.
    public let statePaths: StatePaths
    /// The one event factory of the process.
    public let events: ProcessEvents
    let clock: any WallClock
    let runner: any ProcessRunner
    let outbox: LazyOutbox

    /// A root for `configuration` in `context`; tests pass their own clock and process runner. `notice`
    /// hears what the user must know of but no use case returns (a damaged outbox moved aside).
    public init(
        configuration: Configuration, context: ProcessContext, clock: any WallClock = SystemClock(),
        runner: any ProcessRunner = PosixProcessRunner(), notice: @escaping (String) -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.context = context
        self.clock = clock
        self.runner = runner
        let statePaths = context.statePaths
        let events = ProcessEvents(
            configuration: configuration, clock: clock, triggerChain: context.environment.nonEmpty(ActionSink.chainVariable))
        self.statePaths = statePaths
        self.events = events
        outbox = LazyOutbox { try OutboxOpening.open(configuration, statePaths: statePaths, events: events, notice: notice) }
    }

    /// Why the outbox could not be opened, once a use case tried and failed (events were then not recorded).
    public var outboxFailure: (any Error)? { outbox.failure }

    /// The outbox, opened now if it was not yet (the event commands work on it directly).
    public func openOutbox() throws -> OutboxStore { try outbox.store() }

    /// The remote workflow starter: through the outbox to Temporal, opened only when a workflow starts.
    var starter: any WorkflowStarter {
        LazyWorkflowStarter(outbox: outbox) { [configuration, context, clock, events] store in
            OutboxWorkflowStarter(
                store: store, configuration: configuration, environment: context.environment, clock: clock,
                factory: events.factory)
        }
    }

    /// The sinks of the configuration, with `store` as their cache (breakers, discovered cluster ids).
    /// With `actions` configured, the action runner is one more sink (see `ActionSink`).
    func sinks(_ store: OutboxStore) -> [EventSink] {
        let sinks = SinkFactory.makeSinks(configuration: configuration, environment: context.environment, cache: store)
        guard !configuration.actions.isEmpty else { return sinks }
        let longest = configuration.actions.values.map(\.timeout.seconds).max() ?? 60
        return sinks + [ActionSink(
            runner: runner, environment: context.environment, directory: statePaths.directory + "/actions",
            longestTimeout: longest)]
    }

    /// Options for the health use cases.
    func healthOptions(noCache: Bool = false) -> HealthOptions {
        HealthOptions(configuration: configuration, environment: context.environment, statePaths: statePaths, noCache: noCache)
    }
}
