import ArgumentParser
import GibsonHookCore

/// `gibson-hook validate`: configuration, Gibson health, services, sinks and hooks, all at once.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate", abstract: "Check configuration, Gibson health, services, sinks and hooks.",
        discussion: "Exits 1 when any error is found. With GITHUB_ACTIONS=true problems are also printed as workflow annotations.")

    @Flag(help: "Print the report as JSON.")
    var json = false

    func run() throws {
        let env = CommandEnvironment.current()
        let configuration = try env.loadConfigurationOrExit()
        let tools = try env.healthCollaborators(configuration)
        let options = HealthGateOptions(configuration: configuration, environment: env.environment, statePaths: env.statePaths, noCache: true)
        let report = Validation(clock: tools.clock, runner: tools.runner, hooks: tools.hooks).run(options)
        if json {
            env.writeJSON([
                "passed": .bool(report.passed), "findings": .array(report.findings.map(\.json)),
                "gibson": report.health.json, "services": .array(report.services.map(\.json)),
            ])
        } else {
            env.stdout.write("gibson: \(report.health.summary)\n")
            for finding in report.findings {
                let label = finding.severity == .error ? env.errorStyle.red("error") : env.errorStyle.yellow("warning")
                env.stderr.write("\(label): [\(finding.area)] \(finding.message)\n")
            }
            env.stdout.write(report.passed ? "validation passed\n" : "validation failed\n")
        }
        if env.environment["GITHUB_ACTIONS"] == "true" {
            // Workflow commands go to stdout, where the runner reads them.
            for finding in report.findings {
                env.stdout.write("::\(finding.severity.rawValue) title=gibson-hook \(finding.area)::\(Self.escape(finding.message))\n")
            }
        }
        if !report.passed { throw ExitCodeError(.failure) }
    }

    /// Escapes a workflow-command message (`%`, CR and LF, per GitHub's toolkit).
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }
}
