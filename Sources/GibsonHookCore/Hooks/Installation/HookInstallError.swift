/// Why installing, removing or inspecting the hook shims failed.
public enum HookInstallError: Error, Equatable, CustomStringConvertible {
    /// `--hooks` named hooks gibson-hook does not provide.
    case unknownHooks([String])
    /// The working directory is not inside a git repository.
    case notARepository(String)
    /// `git` could not be run or failed to answer where hooks live.
    case gitFailed(String)
    /// A foreign hook and an earlier backup both exist; installing would need to move one of them.
    case backupExists(hook: String, backup: String)
    /// A file system operation failed.
    case fileSystem(path: String, reason: String)

    /// The message shown to the user.
    public var description: String {
        switch self {
        case .unknownHooks(let names):
            let list = names.map { "'\($0)'" }.joined(separator: ", ")
            let known = HookName.allCases.map(\.rawValue).joined(separator: ", ")
            return "unknown hook \(list); choose from \(known) or 'all'"
        case .notARepository(let directory):
            return "'\(directory)' is not inside a git repository; run this in a repository"
        case .gitFailed(let reason):
            return "cannot ask git where hooks live: \(reason)"
        case .backupExists(let hook, let backup):
            return "'\(hook)' is not a gibson-hook shim and '\(backup)' already exists; "
                + "move one of them away or run 'gibson-hook install --force' to keep both (the older backup gets a numbered name)"
        case .fileSystem(let path, let reason):
            return "cannot update '\(path)': \(reason)"
        }
    }
}
