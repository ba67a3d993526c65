import GibsonHookCore

/// The outbox, workflow starter and hook inspector the health, infra-ready, validate and workflow commands
/// use. The integrator points these at the real implementations (the outbox as `EventRecorder`, the
/// outbox + Temporal sink as `WorkflowStarter`, the hooks status as `HookWiringInspector`); until then
/// events are not recorded and workflows run locally.
struct HealthCollaborators {
    let recorder: (any EventRecorder)?
    let starter: (any WorkflowStarter)?
    let hooks: (any HookWiringInspector)?
    let runner: any ProcessRunner = PosixProcessRunner()
    let clock: any WallClock = SystemClock()
}

extension CommandEnvironment {
    /// The one factory for health collaborators (see `HealthCollaborators`).
    func healthCollaborators(_ configuration: Configuration) throws -> HealthCollaborators {
        HealthCollaborators(recorder: nil, starter: nil, hooks: nil)
    }

    /// Loads the configuration; a configuration error ends the command with the usage status.
    func loadConfigurationOrExit(flagOverrides: [String: String] = [:]) throws -> Configuration {
        do {
            return try loadConfiguration(flagOverrides: flagOverrides)
        } catch {
            stderr.write("gibson-hook: \(error)\n")
            throw ExitCodeError(.usage)
        }
    }

    /// Writes `value` as pretty JSON to stdout.
    func writeJSON(_ value: JSONValue) {
        stdout.write(value.prettySerialized() + "\n")
    }
}

import ArgumentParser

/// Ends a command with one of the documented exit statuses.
func ExitCodeError(_ code: HookExitCode) -> ExitCode { ExitCode(code.rawValue) }
