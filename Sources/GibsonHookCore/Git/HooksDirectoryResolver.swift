#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
internal import Clibgit2

/// Decides where git runs hooks from: `core.hooksPath` from the configuration git would read, else
/// `<commonDir>/hooks` (linked worktrees share the main repository's hooks).
enum HooksDirectoryResolver {
    /// The hooks directory for a repository; relative `core.hooksPath` values are taken from the work tree
    /// root (where git runs hooks) or, in a bare repository, from the git directory.
    static func hooksDirectory(root: String?, gitDir: String, commonDir: String, environment: ProcessEnvironment) -> String {
        guard let configured = hooksPath(gitDir: gitDir, commonDir: commonDir, environment: environment) else {
            return commonDir + "/hooks"
        }
        let expanded = PathText.expandingTilde(configured, home: environment.home)
        return PathText.absolute(expanded, relativeTo: root ?? gitDir)
    }

    /// The effective `core.hooksPath`, searching the sources from highest precedence down.
    static func hooksPath(gitDir: String, commonDir: String, environment: ProcessEnvironment) -> String? {
        let key = "core.hookspath"
        if let value = GitConfigOverrides.lastValue(for: key, in: environment) { return value }
        for file in configFiles(gitDir: gitDir, commonDir: commonDir, environment: environment) {
            if let value = stringValue(key, inFile: file) { return value }
        }
        return nil
    }

    /// Configuration files git reads, highest precedence first: worktree, local, global, XDG, system.
    static func configFiles(gitDir: String, commonDir: String, environment: ProcessEnvironment) -> [String] {
        var files: [String] = []
        let local = commonDir + "/config"
        if boolValue("extensions.worktreeconfig", inFile: local) == true { files.append(gitDir + "/config.worktree") }
        files.append(local)
        if let global = environment["GIT_CONFIG_GLOBAL"] {
            if !global.isEmpty { files.append(global) }
        } else {
            if let home = environment.home { files.append(home + "/.gitconfig") }
            if let xdg = environment.nonEmpty("XDG_CONFIG_HOME") {
                files.append(xdg + "/git/config")
            } else if let home = environment.home {
                files.append(home + "/.config/git/config")
            }
        }
        if GitBoolean.parse(environment["GIT_CONFIG_NOSYSTEM"]) != true {
            files.append(environment.nonEmpty("GIT_CONFIG_SYSTEM") ?? "/etc/gitconfig")
        }
        return files
    }

    private static func openFile(_ path: String) -> GitConfig? {
        guard access(path, R_OK) == 0 else { return nil }
        var pointer: OpaquePointer?
        guard git_config_open_ondisk(&pointer, path) == 0, let pointer else { return nil }
        return GitConfig(pointer)
    }

    private static func stringValue(_ key: String, inFile path: String) -> String? {
        guard let config = openFile(path) else { return nil }
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        guard git_config_get_string_buf(&buffer, config.pointer, key) == 0, let text = buffer.ptr else { return nil }
        return String(cString: text)
    }

    private static func boolValue(_ key: String, inFile path: String) -> Bool? {
        guard let config = openFile(path) else { return nil }
        var value: Int32 = 0
        return git_config_get_bool(&value, config.pointer, key) == 0 ? value != 0 : nil
    }
}
