@testable import GibsonHookCore
import Testing

@Suite struct RepositoryContextJSONTests {
    private func context(staged: [FileChange]?, stagedTotal: Int) -> RepositoryContext {
        let location = RepositoryLocation(
            root: "/r", gitDir: "/r/.git", commonDir: "/r/.git", hooksDir: "/r/.git/hooks", isBare: false, isWorktree: false)
        return RepositoryContext(
            location: location, head: HeadInfo(sha: nil, branch: "main", detached: false, unborn: true), commit: nil,
            staged: staged, stagedTotal: stagedTotal, remote: nil)
    }

    @Test func oldPathAppearsOnlyOnRenamesAndCopies() {
        let json = context(
            staged: [FileChange(path: "new", status: .renamed, oldPath: "old"), FileChange(path: "a", status: .added)],
            stagedTotal: 2
        ).json
        #expect(json["staged"] == [
            ["path": "new", "status": "renamed", "oldPath": "old"],
            ["path": "a", "status": "added"],
        ])
        #expect(json["stagedTotal"] == nil)
        #expect(json["commit"] == .null)
        #expect(json["head"] == ["sha": nil, "branch": "main", "detached": false, "unborn": true])
    }

    @Test func cappedListReportsItsTotal() {
        let json = context(staged: [FileChange(path: "a", status: .added)], stagedTotal: 3).json
        #expect(json["staged"]?.arrayValue?.count == 1)
        #expect(json["stagedTotal"] == 3)
    }

    @Test func listNotComputedIsNull() {
        #expect(context(staged: nil, stagedTotal: 0).json["staged"] == .null)
    }
}
