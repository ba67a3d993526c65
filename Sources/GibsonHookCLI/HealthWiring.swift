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
    /// The one factory of health collaborators. Events go to the outbox; when it cannot be opened the
    /// command goes on without events and says so. INTEGRATION: `starter` is the outbox + Temporal sink
    /// starter and `hooks` the hooks status inspector; until they are wired here workflows run locally and
    /// `validate` does not check the hooks.
    func healthCollaborators(_ configuration: Configuration, recordEvents: Bool = true) -> HealthCollaborators {
        var recorder: (any EventRecorder)? = nil
        if recordEvents {
            do {
                recorder = try OutboxStore(path: statePaths.outboxDatabase(configuration))
            } catch {
                stderr.write("gibson-hook: warning: events are not recorded: \(error)\n")
            }
        }
        return HealthCollaborators(
            runner: PosixProcessRunner(), clock: SystemClock(), recorder: recorder, starter: nil, hooks: nil)
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
