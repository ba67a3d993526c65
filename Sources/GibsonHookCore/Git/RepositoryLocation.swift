/// Where a repository lives on disk, as git itself would see it from a directory and environment.
public struct RepositoryLocation: Sendable, Equatable {
    /// The top of the work tree (`git rev-parse --show-toplevel`), or nil in a bare repository.
    public var root: String?
    /// The git directory (`git rev-parse --absolute-git-dir`).
    public var gitDir: String
    /// The directory shared by all worktrees (`git rev-parse --git-common-dir`, absolute).
    public var commonDir: String
    /// Where git runs hooks from: `core.hooksPath` when set, otherwise `<commonDir>/hooks`.
    public var hooksDir: String
    /// Whether the repository has no work tree.
    public var isBare: Bool
    /// Whether this is a linked worktree (`git worktree add`).
    public var isWorktree: Bool

    /// Creates a location from its parts.
    public init(
        root: String?, gitDir: String, commonDir: String, hooksDir: String, isBare: Bool, isWorktree: Bool
    ) {
        self.root = root
        self.gitDir = gitDir
        self.commonDir = commonDir
        self.hooksDir = hooksDir
        self.isBare = isBare
        self.isWorktree = isWorktree
    }
}

/// Finds the repository for a directory without computing any diff: cheap enough for every hook run.
public enum RepositoryLocator {
    /// Locates the repository git would use in `workingDirectory` with `environment`, honouring `GIT_DIR`,
    /// `GIT_WORK_TREE`, `GIT_COMMON_DIR`, `GIT_CEILING_DIRECTORIES` and `core.hooksPath`.
    ///
    /// Throws `GitError.notARepository` when there is none.
    public static func locate(workingDirectory: String, environment: ProcessEnvironment) throws -> RepositoryLocation {
        try RepositoryOpener.open(workingDirectory: workingDirectory, environment: environment).location
    }
}
