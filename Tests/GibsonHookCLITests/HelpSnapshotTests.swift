import ArgumentParser
@testable import GibsonHookCLI
import Testing

/// Every command's `--help`, whole text, pinned as a snapshot (re-record with GIBSON_HOOK_RECORD_SNAPSHOTS=1).
@Suite struct HelpSnapshotTests {
    /// Every command path of the tree, the root first.
    static let commands: [[String]] = {
        func walk(_ type: ParsableCommand.Type, _ path: [String]) -> [[String]] {
            [path] + type.configuration.subcommands.flatMap { walk($0, path + [$0.configuration.commandName!]) }
        }
        return walk(GibsonHookCommand.self, [])
    }()

    @Test(arguments: commands)
    func helpMatchesTheSnapshot(path: [String]) throws {
        let text = GibsonHookCommand.helpMessage(for: try Self.type(at: path), columns: 100)
        assertSnapshot(text + "\n", named: "help-" + (path.isEmpty ? "gibson-hook" : path.joined(separator: "-")))
    }

    @Test func everyCommandHasASnapshot() {
        // 23 subcommands, config's 2, outbox's 5, state's 4, service's 3, workflow's 1, topics' 2, and the root.
        #expect(Self.commands.count == 41)
    }

    static func type(at path: [String]) throws -> ParsableCommand.Type {
        var type: ParsableCommand.Type = GibsonHookCommand.self
        for name in path {
            type = try #require(type.configuration.subcommands.first { $0.configuration.commandName == name })
        }
        return type
    }
}
