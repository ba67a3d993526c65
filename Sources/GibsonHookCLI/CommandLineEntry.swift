import Foundation
import ArgumentParser
import GibsonHookCore

extension GibsonHookCommand {
    /// The commands git runs on every commit: parsed by their own type, so a hook does not pay for the root
    /// command's tree of eighteen subcommands (building it resolves the metadata of every option of every
    /// subcommand, a large share of a hook's start-up).
    static let hookSubcommands: [String: ParsableCommand.Type] = [
        "pre-commit": PreCommitCommand.self,
        "post-commit": PostCommitCommand.self,
        "pre-push": PrePushCommand.self,
        "post-merge": PostMergeCommand.self,
        "post-checkout": PostCheckoutCommand.self,
        "post-rewrite": PostRewriteCommand.self,
    ]

    /// The process entry point. A hook run as the shims run it skips ArgumentParser (`HookFastPath`); a hook
    /// subcommand whose arguments parse is run directly; anything else
    /// (other commands, `--help`, a parse error) goes through the root command, which prints its usual
    /// help and errors.
    public static func runFromCommandLine(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) {
        if arguments == ["flush"] {  // the detached flush a post-commit starts (`DetachedFlushLauncher`)
            do { try FlushRun().run() } catch { exitReportingUsageAsDocumented(error) }
            return
        }
        if let hook = HookFastPath.parse(arguments) {
            // An `ExitCode` prints nothing: exiting with its status is what ArgumentParser's exit does.
            let status = hook.run()
            if status != 0 { Foundation.exit(status) }
            return
        }
        do {
            var command: ParsableCommand
            if let name = arguments.first, let hook = hookSubcommands[name],
                let parsed = try? parseAlone(hook, Array(arguments.dropFirst()))
            {
                command = parsed
            } else {
                command = try parseAsRoot(arguments)
            }
            try command.run()
        } catch {
            exitReportingUsageAsDocumented(error)
        }
    }

    /// The one way the process exits on an error. A core error is presented once (`gibson-hook: error:` and
    /// its documented exit code, from `Failure`); an `ExitCode` a command threw exits silently; ArgumentParser's
    /// own errors print as it prints them, except that usage errors carry the house prefix and exit with
    /// `HookExitCode.usage` (2), the status the man page documents, instead of ArgumentParser's 64.
    static func exitReportingUsageAsDocumented(_ error: Error) -> Never {
        if !isArgumentParserError(error) {
            exit(withError: CommandEnvironment.current().present(error))
        }
        guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
        FileHandle.standardError.write(Data((usageMessage(for: error) + "\n").utf8))
        exit(withError: ExitCode(HookExitCode.usage.rawValue))
    }

    /// A usage error as ArgumentParser words it, with the house prefix (`gibson-hook: error:`) in place of its
    /// `Error:`; the usage line and the pointer to `--help` follow unchanged.
    static func usageMessage(for error: Error) -> String {
        let message = fullMessage(for: error)
        guard message.hasPrefix("Error: ") else { return message }
        return "gibson-hook: error: " + message.dropFirst("Error: ".count)
    }

    /// Whether `error` is ArgumentParser's (an exit, help, a parse or validation error), not the core's.
    static func isArgumentParserError(_ error: Error) -> Bool {
        error is ExitCode || error is CleanExit || error is ValidationError
            || String(reflecting: type(of: error)).hasPrefix("ArgumentParser.")
    }

    private static func parseAlone<Command: ParsableCommand>(_ type: Command.Type, _ arguments: [String]) throws -> ParsableCommand {
        try Command.parse(arguments)
    }
}
