import Foundation

/// A real git repository in a temporary directory, with a fixed identity, `commit.gpgsign` off and branch
/// `main` (as SwiftPM's `initGitRepo` sets up), and a private HOME so no user config leaks in.
final class TemporaryGitRepository {
    /// The sandbox holding HOME and the repository.
    let sandbox: URL
    /// The work tree.
    let root: URL
    /// The private HOME.
    let home: URL
    /// Environment for git and gibson-hook in this sandbox.
    var environment: [String: String]

    init(bare: Bool = false, name: String = "repo") throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("gh-it-\(UUID().uuidString)")
        sandbox = base.resolvingSymlinksInPath()
        home = sandbox.appendingPathComponent("home")
        root = sandbox.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        environment = BinaryRunner.baseEnvironment(home: home)
        environment["GIT_AUTHOR_NAME"] = "Ada Lovelace"
        environment["GIT_AUTHOR_EMAIL"] = "ada@example.com"
        environment["GIT_COMMITTER_NAME"] = "Ada Lovelace"
        environment["GIT_COMMITTER_EMAIL"] = "ada@example.com"
        try "[user]\n\tname = Ada Lovelace\n\temail = ada@example.com\n[commit]\n\tgpgsign = false\n[init]\n\tdefaultBranch = main\n"
            .write(to: home.appendingPathComponent(".gitconfig"), atomically: true, encoding: .utf8)
        try git(bare ? ["init", "-q", "--bare", "-b", "main"] : ["init", "-q", "-b", "main"])
    }

    deinit { try? FileManager.default.removeItem(at: sandbox) }

    /// Runs git in `directory` (default: the work tree); throws when git fails.
    @discardableResult
    func git(_ arguments: [String], in directory: URL? = nil, extraEnvironment: [String: String] = [:]) throws -> String {
        let gitURL = BinaryRunner.which("git") ?? URL(fileURLWithPath: "/usr/bin/git")
        let result = try BinaryRunner.execute(
            gitURL, arguments, in: directory ?? root,
            environment: environment.merging(extraEnvironment) { _, new in new })
        guard result.status == 0 else {
            throw TestFailure("git \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.stderr)")
        }
        return result.stdout
    }

    /// git's output with the trailing newline removed.
    func gitLine(_ arguments: [String], in directory: URL? = nil) throws -> String {
        try git(arguments, in: directory).trimmingCharacters(in: .newlines)
    }

    /// Writes `contents` to `path` relative to the work tree, creating directories.
    func write(_ path: String, _ contents: String = "content\n", in directory: URL? = nil) throws {
        let url = (directory ?? root).appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try contents.write(to: url, atomically: true, encoding: .utf8)
    }

    /// Adds everything and commits with `message`; returns the new HEAD sha.
    @discardableResult
    func commit(_ message: String = "change", in directory: URL? = nil) throws -> String {
        try git(["add", "-A"], in: directory)
        try git(["commit", "-q", "-m", message], in: directory)
        return try gitLine(["rev-parse", "HEAD"], in: directory)
    }

    /// For tests that run the real gibson-cli (about 2 s per `gibson help`, more on a loaded machine):
    /// a user configuration with a generous probe timeout, so load cannot pass for a hung Gibson. Tests of
    /// timeouts set their own.
    func allowSlowRealGibson() throws {
        try write(".config/gibson-hook/config.yml", "gibson:\n  timeout: 60s\n", in: home)
    }

    /// Runs the built gibson-hook in `directory` (default: the work tree) with this sandbox's environment.
    @discardableResult
    func gibsonHook(
        _ arguments: [String], in directory: URL? = nil, extraEnvironment: [String: String] = [:], stdin: Data? = nil
    ) throws -> CommandResult {
        try BinaryRunner.run(
            arguments, in: directory ?? root,
            environment: environment.merging(extraEnvironment) { _, new in new }, stdin: stdin)
    }
}

/// A failure in test set-up, with a message.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
