import ArgumentParser
@testable import GibsonHookCLI
import GibsonHookCore
import Testing

/// Argument parsing, in process with `parseAsRoot`: flags become command values; bad usage is an error whose
/// message and exit code (2, as documented) are pinned whole.
@Suite struct ParsingTests {
    @Test func hookCommandsTakeGitsArguments() throws {
        let command = try #require(try GibsonHookCommand.parseAsRoot(["post-checkout", "a", "b", "1"]) as? PostCheckoutCommand)
        #expect(command.hook.gitArguments == ["a", "b", "1"])
        #expect(command.hook.json == false)
    }

    @Test func preCommitTakesNoCacheAndJSON() throws {
        let command = try #require(try GibsonHookCommand.parseAsRoot(["pre-commit", "--no-cache", "--json"]) as? PreCommitCommand)
        #expect(command.noCache && command.hook.json)
    }

    @Test func emitFlagsBecomeTheRequest() throws {
        let command = try #require(try GibsonHookCommand.parseAsRoot(
            ["emit", "--type", "project.updated", "--data", "{}", "--wait", "--deadline", "2s", "--set", "a.b=c"]) as? EmitCommand)
        #expect(command.type == "project.updated" && command.data == "{}" && command.wait && command.deadline == "2s")
        #expect(command.config.assignments == ["a.b=c"])
    }

    @Test func unknownOptionIsAUsageErrorExiting2() {
        #expect(throws: (any Error).self) { try GibsonHookCommand.parseAsRoot(["flush", "--bogus"]) }
        do {
            _ = try GibsonHookCommand.parseAsRoot(["flush", "--bogus"])
        } catch {
            #expect(GibsonHookCommand.fullMessage(for: error) == "Error: Unknown option '--bogus'\nUsage: gibson-hook flush [--deadline <deadline>] [--json] [--config <file>] [--set <key=value> ...]\n  See 'gibson-hook flush --help' for more information.")
            #expect(GibsonHookCommand.usageMessage(for: error) == "gibson-hook: error: Unknown option '--bogus'\nUsage: gibson-hook flush [--deadline <deadline>] [--json] [--config <file>] [--set <key=value> ...]\n  See 'gibson-hook flush --help' for more information.")
            #expect(GibsonHookCommand.exitCode(for: error) == .validationFailure)
            #expect(GibsonHookCommand.isArgumentParserError(error))
        }
    }

    @Test func purgeAllNeedsYes() {
        do {
            _ = try GibsonHookCommand.parseAsRoot(["outbox", "purge", "--all"])
            Issue.record("--all without --yes parsed")
        } catch {
            #expect(GibsonHookCommand.message(for: error) == "--all also removes events not yet delivered: add --yes to confirm")
        }
    }

    @Test func coreErrorsAreNotArgumentParserErrors() {
        #expect(!GibsonHookCommand.isArgumentParserError(UsageError("x")))
        #expect(!GibsonHookCommand.isArgumentParserError(ConfigError.invalid([])))
    }
}
