import ArgumentParser
import Foundation
import GibsonHookCore

/// What the event commands (`emit`, `flush`, `outbox`) share: opening the outbox, building the sinks and
/// the event factory, parsing a deadline, and turning core errors into diagnostics and exit codes.
extension CommandEnvironment {
    /// The outbox database of `configuration`, firing its event triggers. The one place the CLI opens it.
    func openOutbox(_ configuration: Configuration) throws -> OutboxStore {
        let path = statePaths.outboxDatabase(configuration)
        // The state directory is made private only when the outbox lives in it (a configured path elsewhere
        // may share its directory with other files).
        let privateDirectory = (path as NSString).deletingLastPathComponent == statePaths.directory ? statePaths.directory : nil
        let store = try OutboxStore(path: path, privateDirectory: privateDirectory) { [stderr, style = errorStyle] replaced in
            stderr.write("gibson-hook: " + style.yellow("warning: ") + "\(replaced)\n")
        }
        // Every hook opens the outbox: with no trigger configured (the default) nothing more is built.
        guard !configuration.eventTriggers.isEmpty else { return store }
        let plan = try EventTriggerPlan(triggers: configuration.eventTriggers, workflows: configuration.workflows)
        let factory = makeEventFactory(configuration)
        store.fireTriggers(plan) { factory.workflowStart($0) }
        return store
    }

    /// The configured sinks. The one place the CLI builds sinks.
    func makeEventSinks(_ configuration: Configuration, store: OutboxStore) -> [EventSink] {
        SinkFactory.makeSinks(configuration: configuration, environment: environment, cache: store)
    }

    /// The event factory for commands run from the shell (no repository context: the configured source or
    /// the host name).
    func makeEventFactory(_ configuration: Configuration) -> EventFactory {
        EventFactory(configuration: configuration, hostName: EventStamp.hostName, clock: SystemClock())
    }

    /// Tells the user, on stderr, that events wait for a sink and how to configure one.
    func noteNoSink() {
        stderr.write(
            "gibson-hook: no sink is configured, so events stay in the outbox; set GIBSON_HOOK_KAFKA_REST_URL, "
                + "GIBSON_HOOK_CLOUDEVENTS_URL or GIBSON_HOOK_TEMPORAL_URL (or sinks: in .gibson-hook.yml), "
                + "then run `gibson-hook flush`\n")
    }

    /// Reports `error` on stderr and returns the exit code it maps to.
    func fail(_ error: Error) -> ExitCode {
        // The configuration loader has already reported its problems.
        if let exit = error as? ExitCode { return exit }
        stderr.write(errorStyle.red("error: ") + "\(error)\n")
        switch error {
        case is EventInputError, OutboxError.invalidState, is UsageProblem: return ExitCode(HookExitCode.usage.rawValue)
        case is OutboxError: return ExitCode(HookExitCode.failure.rawValue)
        default: return ExitCode(HookExitCode.internalError.rawValue)
        }
    }

    /// Writes a JSON value and a newline to stdout.
    func printJSON(_ value: JSONValue) { stdout.write(value.prettySerialized() + "\n") }
}

/// A bad flag value found after parsing (a duration that does not parse, a missing `--type`).
struct UsageProblem: Error, CustomStringConvertible {
    let description: String
}

/// Parses a `--deadline` value, or uses the configured default.
func deadlineSeconds(_ text: String?, configuration: Configuration) throws -> Double {
    guard let text else { return configuration.delivery.deadline.seconds }
    guard let seconds = DeadlineFlag.seconds(text) else { throw UsageProblem(description: DeadlineFlag.problem(text)) }
    return seconds
}

extension HookExitCode {
    /// This code as an ArgumentParser exit.
    var exit: ExitCode { ExitCode(rawValue) }
}
