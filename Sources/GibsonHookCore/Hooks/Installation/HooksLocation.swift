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

    /// Where the repository containing `workingDirectory` runs hooks from, read with libgit2 exactly as
    /// git decides it: `core.hooksPath` (worktree, local, global or `-c` configuration), else the common
    /// directory's `hooks`, which linked worktrees share with the main repository.
    public static func resolve(
        workingDirectory: String, environment: ProcessEnvironment
    ) throws(HookInstallError) -> HooksLocation {
        let location: RepositoryLocation
        do {
            location = try RepositoryLocator.locate(workingDirectory: workingDirectory, environment: environment)
        } catch GitError.notARepository {
            throw .notARepository(workingDirectory)
        } catch {
            throw .gitFailed("\(error)")
        }
        let defaultDirectory = standardized(location.commonDir + "/hooks")
        return HooksLocation(
            directory: location.hooksDir,
            source: standardized(location.hooksDir) == defaultDirectory ? .gitDirectory : .coreHooksPath,
            isLinkedWorktree: location.isWorktree)
    }

    private static func standardized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
