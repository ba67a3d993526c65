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

    /// The process entry point. A hook subcommand whose arguments parse is run directly; anything else
    /// (other commands, `--help`, a parse error) goes through the root command, which prints its usual
    /// help and errors.
    public static func runFromCommandLine(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) {
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

    /// Exits as ArgumentParser would, except that usage errors exit with `HookExitCode.usage` (2), the
    /// status the man page documents, instead of ArgumentParser's 64.
    static func exitReportingUsageAsDocumented(_ error: Error) -> Never {
        guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
        FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
        exit(withError: ExitCode(HookExitCode.usage.rawValue))
    }

    private static func parseAlone<Command: ParsableCommand>(_ type: Command.Type, _ arguments: [String]) throws -> ParsableCommand {
        try Command.parse(arguments)
    }
}
