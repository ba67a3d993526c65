import Foundation
import GibsonHookCore

/// What every command needs from the process, captured once: the `ProcessContext` (environment, working
/// directory, argv[0]) and the output streams. Commands build the composition root from this.
struct CommandEnvironment {
    let context: ProcessContext
    let stdout: StandardStream
    let stderr: StandardStream

    /// The running process.
    static func current() -> CommandEnvironment {
        CommandEnvironment(
            context: ProcessContext(
                environment: ProcessEnvironment(ProcessInfo.processInfo.environment),
                workingDirectory: FileManager.default.currentDirectoryPath, argv0: CommandLine.arguments[0]),
            stdout: .output, stderr: .error)
    }

    /// The process environment.
    var environment: ProcessEnvironment { context.environment }

    /// Style for diagnostics on stderr.
    var errorStyle: TerminalStyle { TerminalStyle(stream: stderr, environment: environment) }
    /// Style for reports on stdout.
    var outputStyle: TerminalStyle { TerminalStyle(stream: stdout, environment: environment) }

    /// The effective configuration with `overrides`, its warnings printed (unless `quiet`). An invalid
    /// configuration throws `ConfigError`, which the entry point presents once.
    func loadConfiguration(_ overrides: ConfigOverrides, quiet: Bool = false) throws -> LoadedConfiguration {
        let loaded = try context.loadConfiguration(overrides)
        if !quiet {
            for warning in loaded.warnings { stderr.write(errorStyle.yellow(warning.description) + "\n") }
        }
        return loaded
    }

    /// The composition root for the effective configuration with `overrides`.
    func gibsonHook(_ overrides: ConfigOverrides = ConfigOverrides()) throws -> GibsonHook {
        GibsonHook(configuration: try loadConfiguration(overrides).configuration, context: context) { [self] in warning($0) }
    }
}
