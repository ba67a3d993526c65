import Foundation
import GibsonHookCore

/// What every command needs from the process, captured once: environment, working directory and the
/// output streams. Commands build core options from this and never read the process state elsewhere.
struct CommandEnvironment {
    let environment: ProcessEnvironment
    let workingDirectory: String
    let stdout: StandardStream
    let stderr: StandardStream

    /// The running process's environment.
    static func current() -> CommandEnvironment {
        CommandEnvironment(
            environment: ProcessEnvironment(ProcessInfo.processInfo.environment),
            workingDirectory: FileManager.default.currentDirectoryPath,
            stdout: .output, stderr: .error)
    }

    /// Style for diagnostics on stderr.
    var errorStyle: TerminalStyle { TerminalStyle(stream: stderr, environment: environment) }
    /// Style for reports on stdout.
    var outputStyle: TerminalStyle { TerminalStyle(stream: stdout, environment: environment) }
}
