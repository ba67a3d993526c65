import ArgumentParser
import GibsonHookCore

/// `gibson-hook config check [--json]`: every configuration problem at once.
struct ConfigCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Report every configuration problem at once, with file, line and column.",
        discussion: """
            Finds unknown keys, wrong types, bad durations, invalid URLs and enum values, unset ${VAR} \
            references, unreadable files and YAML syntax errors. Exits 1 when there are errors; warnings \
            alone (such as a secret in a file others can read) exit 0.
            """)

    @OptionGroup var config: ConfigOptions

    @Flag(help: "Print JSON: ok, error and warning counts, and every diagnostic.")
    var json = false

    func run() throws {
        let env = CommandEnvironment.current()
        let diagnostics = env.context.checkConfiguration(config.overrides)
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        if json {
            let report: JSONValue = .object([
                "ok": .bool(errors == 0), "errors": .integer(Int64(errors)), "warnings": .integer(Int64(warnings)),
                "diagnostics": .array(diagnostics.map(\.json)),
            ])
            env.json(report)
        } else {
            let style = env.errorStyle
            for diagnostic in diagnostics {
                let text = diagnostic.description
                env.stderr.write((diagnostic.severity == .error ? style.red(text) : style.yellow(text)) + "\n")
            }
            let summary = errors == 0
                ? "configuration is valid" + (warnings > 0 ? " (\(warnings) warning\(warnings == 1 ? "" : "s"))" : "")
                : "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
            env.stdout.write(summary + "\n")
        }
        if errors > 0 { throw ExitCode(HookExitCode.failure) }
    }
}
