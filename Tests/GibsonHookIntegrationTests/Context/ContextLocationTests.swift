import Foundation
import GibsonHookCore
import Testing

/// `gibson-hook context --json` against `git rev-parse` for each repository shape.
@Suite struct ContextLocationTests {
    @Test func ordinaryRepositoryMatchesGit() throws {
        let repo = try TemporaryGitRepository()
        try repo.write("README.md")
        let sha = try repo.commit("first\n\nwith a body\nof two lines")
        let json = try repo.contextJSON()
        try repo.expectLocationMatchesGit(json)
        try repo.expectCommitMatchesGit(json)
        #expect(json["isWorktree"] == false)
        #expect(json["head"] == ["sha": .string(sha), "branch": "main", "detached": false, "unborn": false])
        #expect(json["staged"] == [])
        #expect(json["remote"] == .null)
        #expect(json.objectValue.map { Set($0.keys) } == [
            "root", "gitDir", "commonDir", "hooksDir", "isBare", "isWorktree", "head", "commit", "staged", "remote",
        ])
        #expect(json["commit"]?.objectValue.map { Set($0.keys) } == [
            "sha", "parents", "author", "committer", "subject", "body", "changedFiles",
        ])
    }

    @Test func subdirectoryFindsTheTopLevel() throws {
        let repo = try TemporaryGitRepository()
        try repo.write("src/deep/file.txt")
        try repo.commit()
        let subdirectory = repo.root.appendingPathComponent("src/deep")
        let json = try repo.contextJSON(in: subdirectory)
        try repo.expectLocationMatchesGit(json, in: subdirectory)
        #expect(json["root"]?.stringValue == repo.root.path)
    }

    @Test func linkedWorktreeUsesTheCommonDirectoryAndItsHooks() throws {
        let repo = try TemporaryGitRepository()
        try repo.write("a.txt")
        try repo.commit()
        let worktree = repo.sandbox.appendingPathComponent("linked")
        try repo.git(["worktree", "add", "-q", "-b", "feature", worktree.path])
        try repo.write("b.txt", in: worktree)
        try repo.commit("on feature", in: worktree)
        let json = try repo.contextJSON(in: worktree)
        try repo.expectLocationMatchesGit(json, in: worktree)
        try repo.expectCommitMatchesGit(json, in: worktree)
        #expect(json["isWorktree"] == true)
        #expect(json["root"]?.stringValue == worktree.path)
        #expect(json["hooksDir"]?.stringValue == repo.root.appendingPathComponent(".git/hooks").path)
        #expect(json["head"]?["branch"] == "feature")
    }

    @Test func bareRepositoryHasNoRootAndNoStagedList() throws {
        let source = try TemporaryGitRepository()
        try source.write("a.txt")
        try source.commit()
        let bare = source.sandbox.appendingPathComponent("bare.git")
        try source.git(["clone", "-q", "--bare", source.root.path, bare.path])
        let json = try source.contextJSON(in: bare)
        try source.expectLocationMatchesGit(json, in: bare)
        try source.expectCommitMatchesGit(json, in: bare)
        #expect(json["isBare"] == true)
        #expect(json["root"] == .null)
        #expect(json["staged"] == .null)
        #expect(json["remote"] == ["name": "origin", "url": .string(source.root.path)])
    }

    @Test func gitDirAndWorkTreeFromTheEnvironmentWin() throws {
        let repo = try TemporaryGitRepository()
        try repo.write("a.txt")
        try repo.commit()
        let elsewhere = repo.sandbox.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let variables = ["GIT_DIR": repo.root.appendingPathComponent(".git").path, "GIT_WORK_TREE": repo.root.path]
        let json = try repo.contextJSON(in: elsewhere, extraEnvironment: variables)
        #expect(json["root"]?.stringValue == repo.root.path)
        #expect(json["gitDir"]?.stringValue == repo.root.appendingPathComponent(".git").path)
        #expect(json["staged"] == [])
    }

    @Test func gitDirAloneMakesTheCurrentDirectoryTheWorkTreeAsGitDoes() throws {
        let repo = try TemporaryGitRepository()
        try repo.write("sub/a.txt")
        try repo.commit()
        let subdirectory = repo.root.appendingPathComponent("sub")
        let variables = ["GIT_DIR": "../.git"]
        let json = try repo.contextJSON(in: subdirectory, extraEnvironment: variables)
        let gitTopLevel = try repo.git(["rev-parse", "--show-toplevel"], in: subdirectory, extraEnvironment: variables)
        #expect(json["root"]?.stringValue == gitTopLevel.trimmingCharacters(in: .newlines))
        #expect(json["root"]?.stringValue == subdirectory.path)
    }

    @Test func outsideARepositoryFailsWithExitCode4() throws {
        let repo = try TemporaryGitRepository()
        let outside = repo.sandbox.appendingPathComponent("plain")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        let result = try repo.gibsonHook(
            ["context", "--json"], in: outside, extraEnvironment: ["GIT_CEILING_DIRECTORIES": repo.sandbox.path])
        #expect(result.status == HookExitCode.notARepository.rawValue)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "gibson-hook: error: not a git repository: '\(outside.path)'\n")
    }

    @Test func gitDirPointingNowhereIsNotARepository() throws {
        let repo = try TemporaryGitRepository()
        let missing = repo.sandbox.appendingPathComponent("missing.git").path
        let result = try repo.gibsonHook(["context"], extraEnvironment: ["GIT_DIR": missing])
        #expect(result.status == HookExitCode.notARepository.rawValue)
        #expect(result.stderr == "gibson-hook: error: not a git repository: '\(missing)'\n")
    }
}

/// Index and common-directory variables, resolved as git resolves them.
@Suite struct ContextEnvironmentTests {
    @Test func relativeIndexFileIsResolvedFromTheTopLevel() throws {
        let repo = try TemporaryGitRepository()
        try repo.write("sub/a.txt")
        try repo.commit()
        try repo.write("b.txt")
        let variables = ["GIT_INDEX_FILE": "alternate-index"]
        try repo.git(["read-tree", "HEAD"], extraEnvironment: variables)
        try repo.git(["add", "b.txt"], extraEnvironment: variables)
        let subdirectory = repo.root.appendingPathComponent("sub")
        let json = try repo.contextJSON(in: subdirectory, extraEnvironment: variables)
        let expected = ExpectedChange.parse(nameStatus: try repo.git(
            ["diff-index", "--cached", "-M", "--name-status", "-z", "HEAD"], in: subdirectory, extraEnvironment: variables))
        #expect(expected == [ExpectedChange(path: "b.txt", status: "added", oldPath: nil)])
        #expect(ExpectedChange.fromJSON(json["staged"]) == expected)
        #expect(try repo.contextJSON()["staged"] == [])
    }

    @Test func commonDirFromTheEnvironmentIsReported() throws {
        let repo = try TemporaryGitRepository()
        try repo.write("a.txt")
        try repo.commit()
        let worktree = repo.sandbox.appendingPathComponent("linked")
        try repo.git(["worktree", "add", "-q", "-b", "feature", worktree.path])
        let variables = [
            "GIT_DIR": repo.root.appendingPathComponent(".git/worktrees/linked").path,
            "GIT_COMMON_DIR": repo.root.appendingPathComponent(".git").path,
        ]
        let json = try repo.contextJSON(in: worktree, extraEnvironment: variables)
        let gitCommonDir = try repo.git(["rev-parse", "--git-common-dir"], in: worktree, extraEnvironment: variables)
        #expect(json["commonDir"]?.stringValue == repo.realPath(gitCommonDir.trimmingCharacters(in: .newlines), relativeTo: worktree))
        #expect(json["hooksDir"]?.stringValue == repo.root.appendingPathComponent(".git/hooks").path)
        #expect(json["root"]?.stringValue == worktree.path)
        #expect(json["head"]?["branch"] == "feature")
    }
}
