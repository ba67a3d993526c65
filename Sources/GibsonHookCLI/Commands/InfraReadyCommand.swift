import ArgumentParser
import GibsonHookCore

/// `gibson-hook infra-ready`: are the services up and is Gibson activated? For systemd and CI.
struct InfraReadyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "infra-ready", abstract: "Probe the infrastructure services, then activate Gibson.",
        discussion: """
            Probes postgres, neo4j, redis, elasticsearch and ollama (or the configured services), emits \
            ai.gibson.hook.system.infrastructure-ready, then starts gibson-activation-workflow (locally when \
            Temporal is not configured). Exits 0 only when the required services are up and activation succeeded. \
            With --wait it first waits, bounded, for the required services (the service unit runs it so at start-up).
            """)

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Option(help: ArgumentHelp(
        "Wait up to this long (e.g. 5m) for the required services, probing again after 1s, 2s, 4s … (at most 15s apart).",
        valueName: "duration"))
    var wait: String?

    @OptionGroup var config: ConfigOptions

    // Checked here, not in run(), so that a usage error shows this command's usage line.
    func validate() throws {
        if let wait, DurationValue(parsing: wait) == nil {
            throw ValidationError("--wait takes a duration such as 30s or 5m, not '\(wait)'")
        }
    }

    func run() throws {
        let env = CommandEnvironment.current()
        let duration = wait.flatMap(DurationValue.init(parsing:))
        let report = env.recordingEvents(try env.gibsonHook(config.overrides)) { $0.infraReady(wait: duration) }
        if json {
            var members: [String: JSONValue] = [
                "ready": .bool(report.ready), "services": .array(report.services.map(\.json)),
                "attempts": .integer(Int64(report.attempts)),
            ]
            if let activation = report.activation { members["activation"] = activation.json }
            if let note = report.activationNote { members["note"] = .string(note) }
            env.json(.object(members))
        } else {
            for service in report.services {
                let state = service.up ? "up" : (service.required ? "DOWN" : "down (optional)")
                env.stdout.write("\(service.name): \(state)\(service.error.map { " - \($0)" } ?? "")\n")
            }
            if let activation = report.activation {
                if case .local(let reason) = activation.route { env.stdout.write("activation ran locally: \(reason)\n") }
                for step in activation.steps { env.stdout.write(step.line) }
            }
            if report.assumedDefaults, report.services.contains(where: { !$0.up }) {
                env.warning(
                    "these are the design document's default services (none configured): list yours in "
                        + "infrastructure.services, or set 'infrastructure.services: []' to check none")
            }
            if report.attempts > 1 { env.note("probed the services \(report.attempts) times (--wait)") }
            if let note = report.activationNote { env.note(note) }
            env.stdout.write(report.ready ? "infrastructure ready\n" : "infrastructure not ready\n")
        }
        if !report.ready { throw ExitCode(HookExitCode.failure) }
    }
}
