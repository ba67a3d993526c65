import ArgumentParser
import GibsonHookCore

/// What the health, infra-ready, validate and workflow commands run with: the process runner, the clock,
/// the outbox as `EventRecorder`, the remote `WorkflowStarter` and the hooks' `HookWiringInspector`.
struct HealthCollaborators {
    let runner: any ProcessRunner
    let clock: any WallClock
    let recorder: (any EventRecorder)?
    let starter: (any WorkflowStarter)?
    let hooks: (any HookWiringInspector)?
}

extension CommandEnvironment {
    /// The one factory of health collaborators. Events go to the outbox; workflow starts go through the
    /// outbox to Temporal when `sinks.temporal.url` is set. When the outbox cannot be opened the command goes
    /// on without events (and workflows run locally) and says so. `hooks` checks the wiring of the hooks.
    func healthCollaborators(_ configuration: Configuration, recordEvents: Bool = true) -> HealthCollaborators {
        let clock = SystemClock()
        var store: OutboxStore? = nil
        if recordEvents {
            do {
                store = try openOutbox(configuration)
            } catch {
                stderr.write("gibson-hook: warning: events are not recorded: \(error)\n")
            }
        }
        let starter = store.map {
            OutboxWorkflowStarter(store: $0, configuration: configuration, environment: environment, clock: clock)
        }
        return HealthCollaborators(runner: PosixProcessRunner(), clock: clock, recorder: store, starter: starter,
            hooks: HookWiringCheck(workingDirectory: workingDirectory))
    }

    /// Writes `value` as pretty JSON to stdout.
    func writeJSON(_ value: JSONValue) {
        stdout.write(value.prettySerialized() + "\n")
    }
}

extension ExitCode {
    /// The exit code of a documented `HookExitCode`.
    init(_ code: HookExitCode) { self.init(code.rawValue) }
}

extension WorkflowStep {
    /// One indented line for people: `ok`/`FAIL`, the step and what happened.
    var line: String { "  \(ok ? "ok  " : "FAIL") \(name): \(detail)\n" }
}
