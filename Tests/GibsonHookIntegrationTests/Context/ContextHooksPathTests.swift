import Foundation
import GibsonHookCore
import Testing

/// `hooksDir` is where git really runs hooks from when `core.hooksPath` is set.
@Suite struct ContextHooksPathTests {
    @Test func relativeHooksPathIsTakenFromTheWorkTreeRoot() throws {
        let repo = try TemporaryGitRepository()
        try repo.write("sub/a.txt")
        try repo.commit()
        try repo.git(["config", "core.hooksPath", ".githooks"])
        let subdirectory = repo.root.appendingPathComponent("sub")
        let json = try repo.contextJSON(in: subdirectory)
        #expect(json["hooksDir"]?.stringValue == repo.root.appendingPathComponent(".githooks").path)
        try repo.expectLocationMatchesGit(json, in: subdirectory)
    }

    @Test func absoluteHooksPathIsUsedAsIs() throws {
        let repo = try TemporaryGitRepository()
        let hooks = repo.sandbox.appendingPathComponent("shared hooks")
        try FileManager.default.createDirectory(at: hooks, withIntermediateDirectories: true)
        try repo.git(["config", "core.hooksPath", hooks.path])
        let json = try repo.contextJSON()
        #expect(json["hooksDir"]?.stringValue == hooks.path)
        try repo.expectLocationMatchesGit(json)
    }

    @Test func globalHooksPathWithTildeIsExpanded() throws {
        let repo = try TemporaryGitRepository()
        try repo.git(["config", "--global", "core.hooksPath", "~/global-hooks"])
        let json = try repo.contextJSON()
        #expect(json["hooksDir"]?.stringValue == repo.home.appendingPathComponent("global-hooks").path)
        try repo.expectLocationMatchesGit(json)
    }

    @Test func localHooksPathOverridesGlobal() throws {
        let repo = try TemporaryGitRepository()
        try repo.git(["config", "--global", "core.hooksPath", "/global/hooks"])
        try repo.git(["config", "core.hooksPath", "local-hooks"])
        let json = try repo.contextJSON()
        #expect(json["hooksDir"]?.stringValue == repo.root.appendingPathComponent("local-hooks").path)
    }

    @Test func commandLineConfigFromAHookOutranksFiles() throws {
        let repo = try TemporaryGitRepository()
        try repo.git(["config", "core.hooksPath", "local-hooks"])
        // What git exports to hooks for `git -c core.hooksPath=cli-hooks commit`.
        let json = try repo.contextJSON(extraEnvironment: ["GIT_CONFIG_PARAMETERS": "'core.hookspath'='cli-hooks'"])
        #expect(json["hooksDir"]?.stringValue == repo.root.appendingPathComponent("cli-hooks").path)
    }

    @Test func xdgConfigIsReadWhenNoGlobalFileIsNamed() throws {
        let repo = try TemporaryGitRepository()
        try repo.write(".config/git/config", "[core]\n\thooksPath = /from/xdg\n", in: repo.home)
        var environment = repo.environment
        environment.removeValue(forKey: "GIT_CONFIG_GLOBAL")
        try FileManager.default.removeItem(at: repo.home.appendingPathComponent(".gitconfig"))
        let result = try BinaryRunner.run(["context", "--json"], in: repo.root, environment: environment)
        let json = try JSONValue.parse(result.stdoutData)
        #expect(json["hooksDir"] == "/from/xdg")
    }

    @Test func relativeHooksPathInABareRepositoryIsTakenFromTheGitDirectory() throws {
        let repo = try TemporaryGitRepository(bare: true)
        try repo.git(["config", "core.hooksPath", "custom-hooks"])
        let json = try repo.contextJSON()
        #expect(json["hooksDir"]?.stringValue == repo.root.appendingPathComponent("custom-hooks").path)
        try repo.expectLocationMatchesGit(json)
    }
}
