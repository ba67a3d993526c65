import Foundation
import Testing

/// Hook subcommands are parsed without the root command's tree (start-up); help and errors still come from
/// the root command, so they read exactly as for any other subcommand.
@Suite struct HookEntryTests {
    @Test func aHookRunsThroughTheDirectEntry() throws {
        let sandbox = try TemporaryGitRepository()
        try sandbox.write("file.txt")
        try sandbox.commit()
        let result = try sandbox.gibsonHook(["post-commit", "--json"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("\"no-sink-configured\""))
    }

    @Test func aBadHookFlagIsTheRootCommandsUsageError() throws {
        let sandbox = try TemporaryGitRepository()
        let result = try sandbox.gibsonHook(["pre-commit", "--no-such-flag"])
        #expect(result.status == 2)  // HookExitCode.usage, as documented; not ArgumentParser's 64
        #expect(result.stderr.contains("Unknown option '--no-such-flag'"))
        #expect(result.stderr.contains("Usage: gibson-hook pre-commit"))
    }

    @Test func hookHelpNamesTheWholeCommand() throws {
        let sandbox = try TemporaryGitRepository()
        let result = try sandbox.gibsonHook(["post-commit", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: gibson-hook post-commit"))
    }
}
