import ArgumentParser
import GibsonHookCore

/// The one way commands write diagnostics and JSON: `gibson-hook: error: `, `gibson-hook: warning: `,
/// `hint: ` on stderr, and pretty JSON on stdout.
extension CommandEnvironment {
    /// `gibson-hook: error: <message>` on stderr.
    func error(_ message: String) { stderr.write(errorStyle.red("gibson-hook: error: ") + message + "\n") }
    /// `gibson-hook: warning: <message>` on stderr.
    func warning(_ message: String) { stderr.write(errorStyle.yellow("gibson-hook: warning: ") + message + "\n") }
    /// `hint: <message>` on stderr: what to do next.
    func hint(_ message: String) { stderr.write("hint: \(message)\n") }
    /// `gibson-hook: <message>` on stderr: something the user should know that is neither wrong nor risky.
    func note(_ message: String) { stderr.write("gibson-hook: \(message)\n") }

    /// Writes `value` as pretty JSON and a newline to stdout.
    func json(_ value: JSONValue) { stdout.write(value.prettySerialized() + "\n") }

    /// Presents `error` once (its message and documented exit code, from the core's `Failure`) and returns
    /// the exit to throw.
    func present(_ error: any Error) -> ExitCode {
        let failure = Failure(error)
        self.error(failure.message)
        return ExitCode(failure.exitCode)
    }

    /// Runs `useCase` on `root`, then warns when the events it records could not be (the outbox did not open).
    func recordingEvents<T>(_ root: GibsonHook, _ useCase: (GibsonHook) throws -> T) rethrows -> T {
        let result = try useCase(root)
        if let failure = root.outboxFailure { warning("events are not recorded: \(failure)") }
        return result
    }

    /// Tells the user that events wait for a sink and how to configure one.
    func noteNoSink() {
        hint("no sink is configured, so events stay in the outbox; set GIBSON_HOOK_KAFKA_REST_URL, "
            + "GIBSON_HOOK_CLOUDEVENTS_URL or GIBSON_HOOK_TEMPORAL_URL (or sinks: in .gibson-hook.yml), "
            + "then run `gibson-hook flush`")
    }
}

extension ExitCode {
    /// The exit of a documented `HookExitCode`.
    init(_ code: HookExitCode) { self.init(code.rawValue) }
}

extension WorkflowStep {
    /// One indented line for people: `ok`/`FAIL`, the step and what happened.
    var line: String { "  \(ok ? "ok  " : "FAIL") \(name): \(detail)\n" }
}
