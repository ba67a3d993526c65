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
        #expect(result.stderr.contains("no-such-command"))
    }
}
