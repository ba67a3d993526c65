import Foundation

/// Where git really runs a repository's hooks from, and why.
public struct HooksLocation: Sendable, Equatable {
    /// Why hooks live in `directory`.
    public enum Source: String, Sendable, Equatable {
        /// `core.hooksPath` is set (local or global config): hooks go where it points.
        case coreHooksPath
        /// The repository's own `hooks` directory (shared by all linked worktrees: the common dir's).
        case gitDirectory
    }

    /// Absolute path of the hooks directory.
    public var directory: String
    /// Why that directory.
    public var source: Source
    /// True when the repository was reached through a linked worktree (hooks are shared with the main one).
    public var isLinkedWorktree: Bool

    /// Creates a location.
    public init(directory: String, source: Source, isLinkedWorktree: Bool) {
        self.directory = directory
        self.source = source
        self.isLinkedWorktree = isLinkedWorktree
    }

    /// Asks git (the authority on `core.hooksPath`, worktrees and submodules' own git dirs) where the
    /// repository containing `workingDirectory` runs hooks from.
    public static func resolve(
        workingDirectory: String, environment: ProcessEnvironment
    ) throws(HookInstallError) -> HooksLocation {
        let answer = try runGit(
            ["rev-parse", "--path-format=absolute", "--git-path", "hooks", "--git-dir", "--git-common-dir"],
            in: workingDirectory, environment: environment)
        guard answer.status == 0 else {
            if answer.stderr.contains("not a git repository") { throw .notARepository(workingDirectory) }
            throw .gitFailed(answer.stderr.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let lines = answer.stdout.split(separator: "\n").map(String.init)
        guard lines.count == 3 else { throw .gitFailed("unexpected answer from git rev-parse: '\(answer.stdout)'") }
        let hooksPath = try runGit(["config", "--get", "core.hooksPath"], in: workingDirectory, environment: environment)
        let configured = hooksPath.status == 0 && !hooksPath.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        return HooksLocation(
            directory: lines[0], source: configured ? .coreHooksPath : .gitDirectory,
            isLinkedWorktree: standardized(lines[1]) != standardized(lines[2]))
    }

    private static func standardized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Runs git with `arguments` (no shell) and captures its output.
    static func runGit(
        _ arguments: [String], in directory: String, environment: ProcessEnvironment
    ) throws(HookInstallError) -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = environment.values
        let out = Foundation.Pipe()
        let err = Foundation.Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { throw .gitFailed("cannot run git: \(error.localizedDescription)") }
        // git's answers here are a few lines, far below a pipe's buffer, so reading one after the other is safe.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }
}
