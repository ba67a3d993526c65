@testable import GibsonHookCLI
import GibsonHookCore
import Testing

/// The hook entry that skips ArgumentParser takes exactly the command lines the shims write (a hook name and
/// git's arguments); anything with a flag, or another command, goes to ArgumentParser.
@Suite struct HookFastPathParsingTests {
    @Test func aShimsCommandLineIsTakenWithGitsArguments() throws {
        let run = try #require(HookFastPath.parse(["post-checkout", "a1", "b2", "1"]))
        #expect(run.hook == .postCheckout)
        #expect(run.gitArguments == ["a1", "b2", "1"])
        #expect(!run.json && !run.noCache)
        let bare = try #require(HookFastPath.parse(["pre-commit"]))
        #expect(bare.hook == .preCommit && bare.gitArguments.isEmpty)
    }

    @Test func flagsOtherCommandsAndNothingGoToArgumentParser() {
        #expect(HookFastPath.parse(["pre-commit", "--no-cache"]) == nil)
        #expect(HookFastPath.parse(["post-commit", "--json"]) == nil)
        #expect(HookFastPath.parse(["pre-push", "origin", "-h"]) == nil)
        #expect(HookFastPath.parse(["flush"]) == nil)
        #expect(HookFastPath.parse(["no-such-hook", "x"]) == nil)
        #expect(HookFastPath.parse([]) == nil)
    }
}
