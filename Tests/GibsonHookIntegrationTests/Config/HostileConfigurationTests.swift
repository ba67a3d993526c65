import Foundation
import GibsonHookCore
import Testing

/// `gibson-hook config check` on configuration files built to hurt: each ends at once with one error at
/// file:line:column (docs/reliability.md, "Configuration", has the time and peak memory of each).
@Suite struct HostileConfigurationTests {
    /// Writes `bytes` as the repository's `.gibson-hook.yml` and runs `config check`.
    private func check(_ bytes: Data) throws -> (CommandResult, String) {
        let sandbox = try TemporaryGitRepository()
        let file = sandbox.root.appendingPathComponent(".gibson-hook.yml")
        try bytes.write(to: file)
        return (try sandbox.gibsonHook(["config", "check"]), file.path)
    }

    private func expectOneError(_ result: CommandResult, _ line: String) {
        #expect(result.status == HookExitCode.failure.rawValue)
        #expect(result.stdout == "1 error, 0 warnings\n")
        #expect(result.stderr == line + "\n")
    }

    /// The 342-byte billion laughs: nine levels of nine aliases, 387 million strings once expanded.
    static let aliasBomb: String = {
        var lines = ["a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]"]
        let names = Array("abcdefghi").map(String.init)
        for (previous, name) in zip(names, names.dropFirst()) {
            lines.append("\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]")
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    @Test func anAliasBombIsRefusedWithoutExpandingIt() throws {
        #expect(Self.aliasBomb.utf8.count == 342)
        let (result, file) = try check(Data(Self.aliasBomb.utf8))
        expectOneError(result, "\(file):6:14: error: the YAML document expands to more than 250000 values here, "
            + "counting each alias as the value it repeats: remove nested aliases (an alias bomb looks like this) or shorten the file")
    }

    @Test func deepNestingIsRefused() throws {
        let (result, file) = try check(Data((String(repeating: "[", count: 100_000) + "\n").utf8))
        expectOneError(result, "\(file):1:1: error: lists and mappings are nested more than 64 levels deep here: "
            + "a configuration needs at most 5; check for unclosed '[' or '{'")
    }

    @Test func aFileOverFourMebibytesIsRefusedAtTheLimit() throws {
        // 4,096 lines of 1,024 bytes are exactly 4 MiB; the limit falls on the first byte of line 4,097.
        let line = "#" + String(repeating: "x", count: 1_022) + "\n"
        let (result, file) = try check(Data(String(repeating: line, count: 4_097).utf8))
        expectOneError(result, "\(file):4097:1: error: configuration file '\(file)' is larger than 4 MiB, the most "
            + "gibson-hook reads (the limit is reached here): keep the configuration under 4 MiB")
    }

    @Test func tenThousandEventTriggersLoad() throws {
        var yaml = "eventTriggers:\n"
        for index in 0..<10_000 {
            yaml += "  - name: trigger-\(index)\n    event: \"health:check\"\n    action: \"gibson:recovery\"\n"
        }
        let (result, _) = try check(Data(yaml.utf8))
        #expect(result.status == 0)
        #expect(result.stdout == "configuration is valid\n")
        #expect(result.stderr.isEmpty)
    }

    @Test func invalidUTF8IsLocated() throws {
        var bytes = Data("gibson:\n  command: gibs".utf8)
        bytes.append(contentsOf: [0xC3, 0x28, 0x0A])
        let (result, file) = try check(bytes)
        expectOneError(result, "\(file):2:16: error: configuration file '\(file)' is not UTF-8 text: the bytes here "
            + "are not valid UTF-8; save the file as UTF-8")
    }

    @Test func aNulByteIsLocated() throws {
        let (result, file) = try check(Data("gibson:\n  command: gib\u{0}son\n".utf8))
        expectOneError(result, "\(file):2:15: error: configuration file '\(file)' contains the control character "
            + "U+0000 here, which YAML does not allow: remove it (a tab, line feed or carriage return is fine)")
    }

    @Test func aTabInTheIndentationIsASyntaxErrorButOneBeforeAValueIsFine() throws {
        let (indented, file) = try check(Data("gibson:\n\tcommand: gibson\n".utf8))
        expectOneError(indented, "\(file):2:1: error: YAML syntax error: while scanning for the next token: found "
            + "character that cannot start any token")
        let (separating, _) = try check(Data("gibson:\n  command:\tgibson\t# a tab before a comment\n".utf8))
        #expect(separating.status == 0)
        #expect(separating.stdout == "configuration is valid\n")
    }

    @Test func aLinkToDevZeroIsReadOnlyUpToTheLimit() throws {
        let sandbox = try TemporaryGitRepository()
        let file = sandbox.root.appendingPathComponent(".gibson-hook.yml").path
        try FileManager.default.createSymbolicLink(atPath: file, withDestinationPath: "/dev/zero")
        expectOneError(try sandbox.gibsonHook(["config", "check"]), "\(file):1:4194305: error: configuration file "
            + "'\(file)' is larger than 4 MiB, the most gibson-hook reads (the limit is reached here): keep the "
            + "configuration under 4 MiB")
    }

    @Test func aPipeInPlaceOfTheFileIsRefusedWithoutWaiting() throws {
        let sandbox = try TemporaryGitRepository()
        let file = sandbox.root.appendingPathComponent(".gibson-hook.yml").path
        try #require(mkfifo(file, 0o600) == 0)
        expectOneError(try sandbox.gibsonHook(["config", "check"]), "\(file):1:1: error: configuration file "
            + "'\(file)' is not a regular file (a pipe or a socket): make it a file")
    }
}
