import ArgumentParser
import Foundation
import GibsonHookCore

/// `gibson-hook validate`: configuration, Gibson health, services, sinks and hooks, all at once.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate", abstract: "Check configuration, Gibson health, services, sinks and hooks.",
        discussion: "Exits 1 when any error is found. With GITHUB_ACTIONS=true problems are also printed as workflow annotations.")

    @Flag(help: "Print the report as JSON.")
    var json = false

    @OptionGroup var config: ConfigOptions

    func run() throws {
        let env = CommandEnvironment.current()
        let findings: [ValidationFinding]
        var details: [String: JSONValue] = [:]
        switch Self.load(env.context, config.overrides) {
        case .failure(let problems):
            // Nothing else can be checked without a configuration: report its problems.
            findings = problems.findings
        case .success(let (configuration, warnings)):
            let report = GibsonHook(configuration: configuration, context: env.context) { env.warning($0) }.validate()
            findings = warnings + report.findings
                + (DeadLetterNotice.count(env, configuration).flatMap(DeadLetterNotice.message).map {
                    [ValidationFinding(severity: .warning, area: "outbox", message: $0)]
                } ?? [])
            details = ["gibson": report.health.json, "services": .array(report.services.map(\.json))]
            if !json { env.stdout.write("gibson: \(report.health.summary)\n") }
        }
        let passed = !findings.contains { $0.severity == .error }
        if json {
            details["passed"] = .bool(passed)
            details["findings"] = .array(findings.map(\.json))
            env.json(.object(details))
        } else {
            for finding in findings {
                let message = "[\(finding.area)] \(finding.message)"
                if finding.severity == .error { env.error(message) } else { env.warning(message) }
            }
            env.stdout.write(passed ? "validation passed\n" : "validation failed\n")
        }
        if env.environment["GITHUB_ACTIONS"] == "true" {
            // Workflow commands go to stdout, where the runner reads them.
            for finding in findings {
                env.stdout.write("::\(finding.severity.rawValue) title=gibson-hook \(finding.area)::\(Self.escape(finding.message))\n")
            }
        }
        if !passed { throw ExitCode(HookExitCode.failure) }
    }

    /// The configuration and its warnings as findings, or every configuration problem as findings.
    static func load(_ context: ProcessContext, _ overrides: ConfigOverrides) -> Result<(Configuration, [ValidationFinding]), ConfigProblems> {
        func finding(_ diagnostic: ConfigDiagnostic) -> ValidationFinding {
            ValidationFinding(severity: diagnostic.severity == .error ? .error : .warning, area: "config", message: diagnostic.description)
        }
        do {
            let loaded = try context.loadConfiguration(overrides)
            return .success((loaded.configuration, loaded.warnings.map(finding)))
        } catch ConfigError.invalid(let diagnostics) {
            return .failure(ConfigProblems(diagnostics.map(finding)))
        } catch {
            return .failure(ConfigProblems([ValidationFinding(severity: .error, area: "config", message: "\(error)")]))
        }
    }

    /// Escapes a workflow-command message (`%`, CR and LF, per GitHub's toolkit).
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }
}

/// Configuration problems as validation findings.
struct ConfigProblems: Error {
    let findings: [ValidationFinding]
    init(_ findings: [ValidationFinding]) { self.findings = findings }
}
