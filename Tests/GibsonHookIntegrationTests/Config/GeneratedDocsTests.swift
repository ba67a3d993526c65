import Foundation
import GibsonHookCore
import Testing

/// The committed completions and man page must match the CLI; `scripts/generate-docs.sh` regenerates them.
@Suite struct GeneratedDocsTests {
    private static let completions = [("bash", "completions/gibson-hook.bash"), ("zsh", "completions/_gibson-hook"), ("fish", "completions/gibson-hook.fish")]

    @Test(arguments: completions)
    func committedCompletionMatchesTheBinary(shell: String, path: String) throws {
        let sandbox = try TemporaryGitRepository()
        let result = try sandbox.gibsonHook(["--generate-completion-script", shell])
        #expect(result.status == 0)
        #expect(try RepositoryFiles.read(path) == result.stdout, "\(path) is stale: run scripts/generate-docs.sh")
    }

    @Test func manPageDocumentsEverySubcommandVariableAndExitStatus() throws {
        let page = try RepositoryFiles.read("man/gibson-hook.1")
        let sandbox = try TemporaryGitRepository()
        let dump = try sandbox.gibsonHook(["--experimental-dump-help"])
        #expect(dump.status == 0)
        let root = try JSONValue.parse(dump.stdoutData)["command"]
        for name in subcommandNames(root) {
            #expect(page.contains(".It Em \(name)\n"), "man page lacks '\(name)': run scripts/generate-docs.sh")
        }
        for option in longOptions(root) {
            #expect(page.contains("Fl -\(option)"), "man page lacks --\(option): run scripts/generate-docs.sh")
        }
        for variable in ConfigEnvironmentVariables.documented {
            #expect(page.contains(".It Ev \(variable)\n"), "man page lacks \(variable)")
        }
        for section in ["CONFIGURATION", "ENVIRONMENT", "FILES", "EXIT STATUS"] {
            #expect(page.contains(".Sh \(section)\n"), "man page lacks \(section)")
        }
        let exitStatus = try #require(page.components(separatedBy: ".Sh EXIT STATUS\n").last)
        for code in HookExitCode.allCases {
            #expect(exitStatus.contains(".It \(code.rawValue)\n"), "EXIT STATUS lacks \(code)")
        }
    }

    @Test func configurationDocumentsEveryKeyAndVariable() throws {
        let doc = try RepositoryFiles.read("docs/configuration.md")
        let sandbox = try TemporaryGitRepository()
        let report = try JSONValue.parse(try sandbox.gibsonHook(["config", "--json"]).stdoutData)
        for key in try #require(report["settings"]?.objectValue).keys {
            // Topic names are examples of a map; their fields are documented once as topics.<name>.*.
            let documented = key.hasPrefix("topics.") || key.hasPrefix("routing.")
                ? key.split(separator: ".").first.map { "`\($0)" } ?? key : "`\(key)`"
            #expect(doc.contains(documented), "docs/configuration.md lacks \(key)")
        }
        for variable in ConfigEnvironmentVariables.documented {
            #expect(doc.contains("`\(variable)`"), "docs/configuration.md lacks \(variable)")
        }
    }

    @Test func annotatedExampleInTheDocsIsValid() throws {
        let doc = try RepositoryFiles.read("docs/configuration.md")
        let example = try #require(doc.components(separatedBy: "```yaml\n").last?.components(separatedBy: "```").first)
        let sandbox = try TemporaryGitRepository()
        try sandbox.write(".gibson-hook.yml", example)
        let result = try sandbox.gibsonHook(["config", "check"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "configuration is valid\n")
    }

    /// Every displayed long option of every command.
    private func longOptions(_ command: JSONValue?) -> Set<String> {
        var names = Set<String>()
        for argument in command?["arguments"]?.arrayValue ?? [] where argument["shouldDisplay"] != false {
            for name in argument["names"]?.arrayValue ?? [] where name["kind"] == "long" {
                if let text = name["name"]?.stringValue { names.insert(text) }
            }
        }
        for child in command?["subcommands"]?.arrayValue ?? [] { names.formUnion(longOptions(child)) }
        return names
    }

    private func subcommandNames(_ command: JSONValue?) -> [String] {
        guard let children = command?["subcommands"]?.arrayValue else { return [] }
        return children.flatMap { child -> [String] in
            let name = child["commandName"]?.stringValue
            return (name.map { [$0] } ?? []) + subcommandNames(child)
        }
    }
}
