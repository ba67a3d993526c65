import Foundation
import GibsonHookCore
import Testing

/// The reader on a small local repository made with git (no network).
@Suite struct RepositoryContextReaderTests {
    private func makeRepository(files: Int) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("gh-unit-\(UUID().uuidString)")
            .resolvingSymlinksInPath()
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for index in 0..<files { try "file \(index)\n".write(to: root.appendingPathComponent("f\(index).txt"), atomically: true, encoding: .utf8) }
        try git(["init", "-q", "-b", "main"], in: root)
        try git(["add", "-A"], in: root)
        try git(["-c", "user.name=T", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", "commit", "-q", "-m", "m"], in: root)
        return root
    }

    private func git(_ arguments: [String], in directory: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = directory
        process.environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin", "GIT_CONFIG_NOSYSTEM": "1", "HOME": directory.path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test func maxFilesCapsTheListAndKeepsTheTotal() throws {
        let root = try makeRepository(files: 5)
        defer { try? FileManager.default.removeItem(at: root) }
        let context = try RepositoryContextReader.read(
            workingDirectory: root.path, environment: ProcessEnvironment(["HOME": root.path]), options: ContextOptions(maxFiles: 2))
        #expect(context.commit?.changedFiles?.count == 2)
        #expect(context.commit?.changedFilesTotal == 5)
        #expect(context.commit?.json["changedFilesTotal"] == 5)
        // Counts by status cover the whole commit, not only the two listed files.
        #expect(context.commit?.changedFilesByStatus == [.added: 5])
    }

    @Test func excludedListsAreNil() throws {
        let root = try makeRepository(files: 1)
        defer { try? FileManager.default.removeItem(at: root) }
        let options = ContextOptions(includeStaged: false, includeChangedFiles: false)
        let context = try RepositoryContextReader.read(workingDirectory: root.path, environment: ProcessEnvironment(), options: options)
        #expect(context.staged == nil)
        #expect(context.commit?.changedFiles == nil)
        #expect(context.commit?.subject == "m")
    }

    @Test func locatorReportsTheDirectoryWhenThereIsNoRepository() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gh-unit-\(UUID().uuidString)")
            .resolvingSymlinksInPath()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let environment = ProcessEnvironment(["GIT_CEILING_DIRECTORIES": directory.deletingLastPathComponent().path])
        #expect(throws: GitError.notARepository(directory.path)) {
            try RepositoryLocator.locate(workingDirectory: directory.path, environment: environment)
        }
    }
}
