import Foundation
import GibsonHookCore
import Testing

@Suite struct RootCommandTests {
    @Test func versionPrintsTheBuildVersion() throws {
        let sandbox = try TemporaryGitRepository()
        let result = try sandbox.gibsonHook(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout == GibsonHookVersion.current + "\n")
    }

    @Test func unknownSubcommandIsAUsageError() throws {
        let sandbox = try TemporaryGitRepository()
        let result = try sandbox.gibsonHook(["no-such-command"])
        // The documented usage status (HookExitCode.usage), not ArgumentParser's 64.
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("gibson-hook: error: Unexpected argument 'no-such-command'\nUsage: gibson-hook <subcommand>\n"), "\(result.stderr)")
    }

    /// A usage error carries the house prefix, then ArgumentParser's usage line and pointer to --help.
    @Test func anUnknownOptionIsAUsageErrorInTheHouseStyle() throws {
        let sandbox = try TemporaryGitRepository()
        let result = try sandbox.gibsonHook(["flush", "--bogus"])
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr == """
            gibson-hook: error: Unknown option '--bogus'
            Usage: gibson-hook flush [--deadline <deadline>] [--json] [--config <file>] [--set <key=value> ...]
              See 'gibson-hook flush --help' for more information.

            """)
    }
}
