internal import Clibgit2

/// A repository opened the way git opens it inside a hook, with where it lives and which index to read.
struct OpenedRepository {
    /// The libgit2 repository.
    let repository: GitRepository
    /// Where it lives.
    let location: RepositoryLocation
    /// The index git is using: `GIT_INDEX_FILE` resolved as git resolves it, or nil for the repository's own.
    let indexPath: String?
}

/// Opens repositories honouring git's environment variables from a `ProcessEnvironment` rather than the
/// process's own (libgit2 1.5's `GIT_REPOSITORY_OPEN_FROM_ENV` reads `getenv` and refuses `GIT_WORK_TREE` and
/// `GIT_COMMON_DIR`, which git sets inside hooks, so the rules of git's `setup.c` are applied here instead).
enum RepositoryOpener {
    /// Opens the repository git would use in `workingDirectory`.
    static func open(workingDirectory: String, environment: ProcessEnvironment) throws -> OpenedRepository {
        GitLibrary.start()
        let cwd = PathText.normalised(workingDirectory)
        let repository: GitRepository
        if let gitDir = environment.nonEmpty("GIT_DIR") {
            repository = try openExplicit(PathText.absolute(gitDir, relativeTo: cwd), cwd: cwd, environment: environment)
        } else {
            repository = try discover(from: cwd, environment: environment)
        }
        if let workTree = environment.nonEmpty("GIT_WORK_TREE") {
            try setWorkDirectory(repository, PathText.absolute(workTree, relativeTo: cwd))
        }
        let root = repository.workDirectory
        let gitDir = repository.gitDirectory
        let commonDir = environment.nonEmpty("GIT_COMMON_DIR").map { PathText.absolute($0, relativeTo: cwd) }
            ?? repository.commonDirectory
        let hooksDir = HooksDirectoryResolver.hooksDirectory(
            root: root, gitDir: gitDir, commonDir: commonDir, environment: environment)
        let location = RepositoryLocation(
            root: root, gitDir: gitDir, commonDir: commonDir, hooksDir: hooksDir,
            isBare: root == nil, isWorktree: repository.isWorktree)
        // Git reads a relative GIT_INDEX_FILE after moving to the top of the work tree.
        let indexPath = environment.nonEmpty("GIT_INDEX_FILE").map { PathText.absolute($0, relativeTo: root ?? cwd) }
        return OpenedRepository(repository: repository, location: location, indexPath: indexPath)
    }

    /// Searches upwards from `directory`, stopping at `GIT_CEILING_DIRECTORIES` and file-system boundaries.
    private static func discover(from directory: String, environment: ProcessEnvironment) throws -> GitRepository {
        var flags: UInt32 = 0
        if GitBoolean.parse(environment["GIT_DISCOVERY_ACROSS_FILESYSTEM"]) == true {
            flags |= GIT_REPOSITORY_OPEN_CROSS_FS.rawValue
        }
        let ceilings = environment.nonEmpty("GIT_CEILING_DIRECTORIES")
        var pointer: OpaquePointer?
        let code = git_repository_open_ext(&pointer, directory, flags, ceilings)
        if GitLibrary.isNotFound(code) { throw GitError.notARepository(directory) }
        try GitLibrary.check(code, "open the repository at '\(directory)'")
        return GitRepository(pointer!)
    }

    /// Opens `GIT_DIR` itself, then applies git's rule for its work tree: `core.worktree` if set, none when
    /// `core.bare` is true, otherwise the current directory.
    private static func openExplicit(_ gitDir: String, cwd: String, environment: ProcessEnvironment) throws -> GitRepository {
        var pointer: OpaquePointer?
        let code = git_repository_open_ext(&pointer, gitDir, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil)
        if GitLibrary.isNotFound(code) { throw GitError.notARepository(gitDir) }
        try GitLibrary.check(code, "open the git directory '\(gitDir)'")
        let repository = GitRepository(pointer!)
        let settings = try RepositorySettings(repository)
        if environment.nonEmpty("GIT_WORK_TREE") != nil || settings.hasWorkTreeSetting { return repository }
        if settings.isBare == true || GitBoolean.parse(environment["GIT_IMPLICIT_WORK_TREE"]) == false {
            return repository
        }
        try setWorkDirectory(repository, cwd)
        return repository
    }

    private static func setWorkDirectory(_ repository: GitRepository, _ path: String) throws {
        try GitLibrary.check(git_repository_set_workdir(repository.pointer, path, 0), "use '\(path)' as the work tree")
    }
}

/// The repository-level settings that decide where the work tree is.
private struct RepositorySettings {
    var isBare: Bool?
    var hasWorkTreeSetting: Bool

    init(_ repository: GitRepository) throws {
        var pointer: OpaquePointer?
        try GitLibrary.check(git_repository_config_snapshot(&pointer, repository.pointer), "read the repository configuration")
        let config = GitConfig(pointer!)
        var value: Int32 = 0
        isBare = git_config_get_bool(&value, config.pointer, "core.bare") == 0 ? value != 0 : nil
        var entry: UnsafeMutablePointer<git_config_entry>?
        hasWorkTreeSetting = git_config_get_entry(&entry, config.pointer, "core.worktree") == 0
        git_config_entry_free(entry)
    }
}

/// Git's boolean spelling: true/yes/on/1 and false/no/off/0 (case-insensitive); anything else is nil.
enum GitBoolean {
    static func parse(_ text: String?) -> Bool? {
        switch text?.lowercased() {
        case "true", "yes", "on", "1": return true
        case "false", "no", "off", "0", "": return false
        default: return nil
        }
    }
}
