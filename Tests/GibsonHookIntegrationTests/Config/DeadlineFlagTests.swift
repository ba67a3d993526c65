import Foundation
import GibsonHookCore
import Testing

/// `--deadline` of `flush` and `emit --wait` takes a positive duration; anything else is one clear error,
/// also when the value starts with a dash (it is not read as a flag) and in the `--deadline=` form.
@Suite struct DeadlineFlagTests {
    @Test func negativeZeroAndMalformedDeadlinesAreRefused() throws {
        let sandbox = try TemporaryGitRepository()
        let cases: [([String], String)] = [
            (["flush", "--deadline", "-5s"], "-5s"),
            (["flush", "--deadline=-5s"], "-5s"),
            (["flush", "--deadline", "0s"], "0s"),
            (["flush", "--deadline", "5 minutes"], "5 minutes"),
        ]
        for (arguments, value) in cases {
            let result = try sandbox.gibsonHook(arguments)
            #expect(result.status == HookExitCode.usage.rawValue, "\(arguments)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.hasSuffix("error: --deadline must be a positive duration like 20s, got '\(value)'\n"), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
    }

    @Test func emitWithABadDeadlineStoresNothing() throws {
        let sandbox = try TemporaryGitRepository()
        let result = try sandbox.gibsonHook(["emit", "--type", "build.done", "--wait", "--deadline", "-5s"])
        #expect(result.status == HookExitCode.usage.rawValue)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasSuffix("error: --deadline must be a positive duration like 20s, got '-5s'\n"))
        let list = try sandbox.gibsonHook(["outbox", "list", "--json"])
        #expect(try JSONValue.parse(list.stdoutData).arrayValue?.isEmpty ?? true)
    }
}
