import Foundation

/// One configuration file gibson-hook looks at.
public struct ConfigFile: Sendable, Equatable {
    /// Which source a file is.
    public enum Role: String, Sendable, Equatable {
        /// `$XDG_CONFIG_HOME/gibson-hook/config.yml`.
        case user
        /// `GIBSON_HOOK_CONFIG` or `--config`, in place of the user file.
        case explicit
        /// `.gibson-hook.yml` at the repository root.
        case repository
        /// `.gibson-hook.local.yml` at the repository root (meant for .gitignore).
        case local
    }

    /// Its role.
    public var role: Role
    /// Absolute path.
    public var path: String
    /// Whether it must exist (explicit files) or is optional.
    public var required: Bool
}

/// Finds the configuration files for a working directory, in the order they apply.
struct ConfigSourceLocator {
    let environment: ProcessEnvironment
    let workingDirectory: String

    /// User (or explicit), repository and local files, later ones winning.
    func files(explicit: String?) -> [ConfigFile] {
        var files: [ConfigFile] = []
        if let explicit = explicit ?? environment.nonEmpty(ConfigEnvironmentVariables.explicitFile) {
            files.append(ConfigFile(role: .explicit, path: absolute(explicit), required: true))
        } else if let configHome = environment.nonEmpty("XDG_CONFIG_HOME") ?? environment.home.map({ $0 + "/.config" }) {
            files.append(ConfigFile(role: .user, path: configHome + "/gibson-hook/config.yml", required: false))
        }
        if let root = repositoryRoot() {
            files.append(ConfigFile(role: .repository, path: root + "/.gibson-hook.yml", required: false))
            files.append(ConfigFile(role: .local, path: root + "/.gibson-hook.local.yml", required: false))
        }
        return files
    }

    /// The work tree root: `GIT_WORK_TREE` when set, else the nearest directory upwards holding `.git`
    /// (a directory, or a file in linked worktrees and submodules). Nil outside a repository, and when the
    /// working directory is not an absolute path: a process whose directory was deleted gets an empty one,
    /// and walking "up" from a relative path never reaches `/`.
    func repositoryRoot() -> String? {
        if let workTree = environment.nonEmpty("GIT_WORK_TREE") { return absolute(workTree) }
        guard workingDirectory.hasPrefix("/") else { return nil }
        // Plain string work and stat(2), not URL and FileManager: this runs in every hook process.
        var components = AbsolutePath.components(workingDirectory)
        while true {
            let directory = "/" + components.joined(separator: "/")
            var info = stat()
            if stat(directory + (components.isEmpty ? ".git" : "/.git"), &info) == 0 { return directory }
            if components.isEmpty { return nil }
            components.removeLast()
        }
    }

    private func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return AbsolutePath.standardized(path) }
        if path == "~" || path.hasPrefix("~/"), let home = environment.home { return home + path.dropFirst() }
        return URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: workingDirectory, isDirectory: true))
            .standardizedFileURL.path
    }
}
