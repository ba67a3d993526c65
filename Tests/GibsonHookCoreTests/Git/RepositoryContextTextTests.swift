@testable import GibsonHookCore
import Testing

@Suite struct RepositoryContextTextTests {
    private func context(stagedCount: Int) -> RepositoryContext {
        let location = RepositoryLocation(
            root: "/r", gitDir: "/r/.git", commonDir: "/r/.git", hooksDir: "/r/.git/hooks", isBare: false, isWorktree: false)
        let staged = (0..<stagedCount).map { FileChange(path: "f\($0)", status: .added) }
        return RepositoryContext(
            location: location, head: HeadInfo(sha: nil, branch: "main", detached: false, unborn: true), commit: nil,
            staged: staged, stagedTotal: stagedCount, remote: RemoteInfo(name: "origin", url: nil))
    }

    @Test func longListsAreShortenedWithACount() {
        let text = context(stagedCount: RepositoryContext.textFileLimit + 5).textReport
        #expect(text.contains("staged      25 files\n"))
        #expect(text.contains("  added     f19\n"))
        #expect(!text.contains("f20"))
        #expect(text.contains("  ... 5 more (gibson-hook context --json lists them all)\n"))
    }

    @Test func unbornBranchAndRemoteWithoutURLAreSaid() {
        let text = context(stagedCount: 1).textReport
        #expect(text.contains("head        main (no commits yet)\n"))
        #expect(text.contains("staged      1 file\n  added     f0\n"))
        #expect(text.contains("remote      origin (no url)\n"))
        #expect(!text.contains("more"))
    }
}
