import Foundation
import GibsonHookCore
import Testing

/// `staged` seen from inside a pre-commit hook, where git exports GIT_INDEX_FILE (a temporary index for
/// `git commit -a` and `git commit <path>`), must be exactly what the commit then contains.
@Suite struct ContextPreCommitHookTests {
    /// Installs a pre-commit hook in `hooksDir` that writes `gibson-hook context --json` to a file.
    private func installHook(_ repo: TemporaryGitRepository, hooksDir: URL) throws -> URL {
        let output = repo.sandbox.appendingPathComponent("hook-context.json")
        try FileManager.default.createDirectory(at: hooksDir, withIntermediateDirectories: true)
        let hook = hooksDir.appendingPathComponent("pre-commit")
        let script = "#!/bin/sh\nexec '\(BinaryRunner.binary.path)' context --json > '\(output.path)'\n"
        try script.write(to: hook, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)
        return output
    }

    /// Base commit with files to edit, so the hook sees modifications, a deletion and unstaged noise.
    private func prepare(_ repo: TemporaryGitRepository, in directory: URL? = nil) throws {
        try repo.write("tracked.txt", in: directory)
        try repo.write("other.txt", in: directory)
        try repo.write("removed.txt", in: directory)
        try repo.commit("base", in: directory)
        try repo.write("tracked.txt", "edited\n", in: directory)
        try repo.write("other.txt", "edited too\n", in: directory)
        try FileManager.default.removeItem(at: (directory ?? repo.root).appendingPathComponent("removed.txt"))
        try repo.write("untracked.txt", in: directory)
    }

    private func expectHookSawTheCommit(_ repo: TemporaryGitRepository, output: URL, in directory: URL? = nil) throws {
        let json = try JSONValue.parse(Data(contentsOf: output))
        #expect(!ExpectedChange.fromJSON(json["staged"]).isEmpty)
        #expect(ExpectedChange.fromJSON(json["staged"]) == (try repo.gitChangedFiles(in: directory)))
    }

    @Test func commitAllSeesTheTemporaryIndex() throws {
        let repo = try TemporaryGitRepository()
        let output = try installHook(repo, hooksDir: repo.root.appendingPathComponent(".git/hooks"))
        try prepare(repo)
        try repo.git(["commit", "-q", "-a", "-m", "all"])
        try expectHookSawTheCommit(repo, output: output)
        #expect(try repo.gitChangedFiles().count == 3)
    }

    @Test func commitWithPathSeesOnlyThatPath() throws {
        let repo = try TemporaryGitRepository()
        let output = try installHook(repo, hooksDir: repo.root.appendingPathComponent(".git/hooks"))
        try prepare(repo)
        try repo.git(["add", "other.txt"])
        try repo.git(["commit", "-q", "-m", "only tracked", "tracked.txt"])
        try expectHookSawTheCommit(repo, output: output)
        #expect(try repo.gitChangedFiles() == [ExpectedChange(path: "tracked.txt", status: "modified", oldPath: nil)])
    }

    @Test func commitAllInALinkedWorktreeSeesItsIndex() throws {
        let repo = try TemporaryGitRepository()
        try repo.write("seed.txt")
        try repo.commit("seed")
        let output = try installHook(repo, hooksDir: repo.root.appendingPathComponent(".git/hooks"))
        let worktree = repo.sandbox.appendingPathComponent("linked")
        try repo.git(["worktree", "add", "-q", "-b", "feature", worktree.path])
        try prepare(repo, in: worktree)
        try repo.git(["commit", "-q", "-a", "-m", "all"], in: worktree)
        try expectHookSawTheCommit(repo, output: output, in: worktree)
        let json = try JSONValue.parse(Data(contentsOf: output))
        #expect(json["root"]?.stringValue == worktree.path)
        #expect(json["isWorktree"] == true)
    }
}
