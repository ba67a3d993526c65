import Foundation
import Testing
@testable import GibsonHookCore

@Suite struct ConfigSourceLocatorTests {
    /// A process whose working directory was deleted sees an empty (relative) one; walking up from it must
    /// end at once instead of appending `..` forever.
    @Test(arguments: ["", "relative/dir", "."])
    func aWorkingDirectoryThatIsNotAbsoluteHasNoRepository(directory: String) {
        let locator = ConfigSourceLocator(environment: ProcessEnvironment(["HOME": "/nonexistent"]), workingDirectory: directory)
        #expect(locator.repositoryRoot() == nil)
        #expect(locator.files(explicit: nil).map(\.role) == [.user])
    }

    @Test func theRootIsTheNearestDirectoryUpwardsHoldingGit() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("gh-locator-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        try FileManager.default.createDirectory(at: base.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: base.appendingPathComponent("a/b"), withIntermediateDirectories: true)
        let locator = ConfigSourceLocator(environment: ProcessEnvironment(), workingDirectory: base.path + "/a/b")
        #expect(locator.repositoryRoot() == base.standardizedFileURL.path)
    }

    /// An absolute `GIT_WORK_TREE` is the root as written, standardised: `/r/sub/..` and `/r/` name `/r`.
    @Test(arguments: ["/r/sub/..", "/r/", "//r", "/r/./"])
    func anAbsoluteWorkTreeIsStandardised(workTree: String) {
        let locator = ConfigSourceLocator(environment: ProcessEnvironment(["GIT_WORK_TREE": workTree]), workingDirectory: "/elsewhere")
        #expect(locator.repositoryRoot() == "/r")
        #expect(locator.files(explicit: nil).map(\.path).contains("/r/.gibson-hook.yml"))
    }

    /// The walk upwards standardises the directory as `URL.standardizedFileURL` does (it did use it): `.`,
    /// `..` and repeated slashes go, symbolic links stay.
    @Test(arguments: ["/", "/a/b", "/a/./b/", "//a//b", "/a/../b", "/../a", "/a/b/..", "/a/b/../../.."])
    func standardisingIsWhatURLDoes(path: String) {
        let expected = URL(fileURLWithPath: path).standardizedFileURL.path
        #expect(AbsolutePath.standardized(path) == expected)
    }

    @Test func aGitDirectoryAtTheTopOfAPathWithDotsIsFound() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("gh-locator-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        try FileManager.default.createDirectory(at: base.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: base.appendingPathComponent("a/b"), withIntermediateDirectories: true)
        let locator = ConfigSourceLocator(environment: ProcessEnvironment(), workingDirectory: base.path + "/a/./b/../b")
        #expect(locator.repositoryRoot() == base.standardizedFileURL.path)
    }
}
