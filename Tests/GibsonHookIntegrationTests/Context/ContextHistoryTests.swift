import Foundation
import GibsonHookCore
import Testing

/// HEAD and the commit's changed files against `git log` and `git diff-tree`.
@Suite struct ContextHistoryTests {
    @Test func detachedHeadHasNoBranch() throws {
        let repo = try TemporaryGitRepository()
        try repo.write("a.txt")
        let first = try repo.commit("first")
        try repo.write("b.txt")
        try repo.commit("second")
        try repo.git(["checkout", "-q", "--detach", first])
        let json = try repo.contextJSON()
        #expect(json["head"] == ["sha": .string(first), "branch": nil, "detached": true, "unborn": false])
        try repo.expectCommitMatchesGit(json)
    }

    @Test func unbornBranchStagesEverythingAsAdded() throws {
        let repo = try TemporaryGitRepository()
        try repo.write("a.txt")
        try repo.write("dir/b.txt")
        try repo.git(["add", "-A"])
        let json = try repo.contextJSON()
        #expect(json["head"] == ["sha": nil, "branch": "main", "detached": false, "unborn": true])
        #expect(json["commit"] == .null)
        #expect(ExpectedChange.fromJSON(json["staged"]) == [
            ExpectedChange(path: "a.txt", status: "added", oldPath: nil),
            ExpectedChange(path: "dir/b.txt", status: "added", oldPath: nil),
        ])
    }

    @Test func rootCommitListsEveryFileAsAdded() throws {
        let repo = try TemporaryGitRepository()
        for name in ["one.txt", "two/three.txt", "two/four.txt"] { try repo.write(name) }
        try repo.commit("root")
        let json = try repo.contextJSON()
        try repo.expectCommitMatchesGit(json)
        #expect(json["commit"]?["parents"] == [])
        #expect(json["commit"]?["changedFiles"]?.arrayValue?.count == 3)
    }

    @Test func mergeCommitComparesWithTheFirstParent() throws {
        let repo = try TemporaryGitRepository()
        try repo.write("base.txt")
        try repo.commit("base")
        try repo.git(["checkout", "-q", "-b", "side"])
        try repo.write("side.txt")
        try repo.write("base.txt", "changed on side\n")
        try repo.commit("side work")
        try repo.git(["checkout", "-q", "main"])
        try repo.write("main.txt")
        try repo.commit("main work")
        try repo.git(["merge", "-q", "--no-ff", "-m", "merge side", "side"])
        let json = try repo.contextJSON()
        try repo.expectCommitMatchesGit(json)
        #expect(json["commit"]?["parents"]?.arrayValue?.count == 2)
        #expect(ExpectedChange.fromJSON(json["commit"]?["changedFiles"]) == [
            ExpectedChange(path: "side.txt", status: "added", oldPath: nil),
            ExpectedChange(path: "base.txt", status: "modified", oldPath: nil),
        ])
    }

    @Test func renameIsReportedWithTheOldPath() throws {
        let repo = try TemporaryGitRepository()
        try repo.write("old/name.txt", (1...40).map { "line \($0)\n" }.joined())
        try repo.write("gone.txt")
        try repo.commit("base")
        try repo.git(["mv", "old/name.txt", "new name.txt"])
        try repo.git(["rm", "-q", "gone.txt"])
        try repo.commit("rename")
        let json = try repo.contextJSON()
        try repo.expectCommitMatchesGit(json)
        #expect(ExpectedChange.fromJSON(json["commit"]?["changedFiles"]) == [
            ExpectedChange(path: "new name.txt", status: "renamed", oldPath: "old/name.txt"),
            ExpectedChange(path: "gone.txt", status: "deleted", oldPath: nil),
        ])
    }

    @Test func stagedChangesMatchDiffIndex() throws {
        let repo = try TemporaryGitRepository()
        try repo.write("keep.txt", (1...30).map { "keep \($0)\n" }.joined())
        try repo.write("edit.txt")
        try repo.write("drop.txt")
        try repo.write("link-me.txt")
        try repo.commit("base")
        try repo.git(["mv", "keep.txt", "kept.txt"])
        try repo.write("edit.txt", "edited\n")
        try repo.git(["rm", "-q", "drop.txt"])
        try FileManager.default.removeItem(at: repo.root.appendingPathComponent("link-me.txt"))
        try FileManager.default.createSymbolicLink(atPath: repo.root.appendingPathComponent("link-me.txt").path, withDestinationPath: "edit.txt")
        try repo.write("new.txt", "a new file unlike the others\n")
        try repo.git(["add", "-A"])
        let json = try repo.contextJSON()
        let expected = try repo.gitStagedFiles()
        #expect(ExpectedChange.fromJSON(json["staged"]) == expected)
        #expect(expected.count == 5)
        #expect(expected.contains(ExpectedChange(path: "link-me.txt", status: "typechange", oldPath: nil)))
    }
}
