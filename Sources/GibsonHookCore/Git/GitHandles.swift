internal import Clibgit2

// Each class below is the one Swift owner of a libgit2 handle and frees it in deinit. They are internal:
// no C type crosses the core's public API.

/// An open repository.
final class GitRepository {
    let pointer: OpaquePointer
    init(_ pointer: OpaquePointer) { self.pointer = pointer }
    deinit { git_repository_free(pointer) }

    /// The git directory, without a trailing slash.
    var gitDirectory: String { Self.trimmed(git_repository_path(pointer)) }
    /// The common directory shared by linked worktrees, without a trailing slash.
    var commonDirectory: String { Self.trimmed(git_repository_commondir(pointer)) }
    /// The work tree root without a trailing slash, or nil in a bare repository.
    var workDirectory: String? {
        guard let path = git_repository_workdir(pointer) else { return nil }
        return Self.trimmed(path)
    }
    /// Whether this is a linked worktree.
    var isWorktree: Bool { git_repository_is_worktree(pointer) == 1 }

    static func trimmed(_ path: UnsafePointer<CChar>?) -> String {
        guard let path else { return "" }
        let text = String(cString: path)
        return text.count > 1 && text.hasSuffix("/") ? String(text.dropLast()) : text
    }
}

/// A reference (HEAD, a branch).
final class GitReference {
    let pointer: OpaquePointer
    init(_ pointer: OpaquePointer) { self.pointer = pointer }
    deinit { git_reference_free(pointer) }
}

/// A commit object.
final class GitCommit {
    let pointer: OpaquePointer
    init(_ pointer: OpaquePointer) { self.pointer = pointer }
    deinit { git_commit_free(pointer) }
}

/// A tree object.
final class GitTree {
    let pointer: OpaquePointer
    init(_ pointer: OpaquePointer) { self.pointer = pointer }
    deinit { git_tree_free(pointer) }
}

/// A computed diff.
final class GitDiff {
    let pointer: OpaquePointer
    init(_ pointer: OpaquePointer) { self.pointer = pointer }
    deinit { git_diff_free(pointer) }
}

/// An index (the repository's own or one named by `GIT_INDEX_FILE`).
final class GitIndex {
    let pointer: OpaquePointer
    init(_ pointer: OpaquePointer) { self.pointer = pointer }
    deinit { git_index_free(pointer) }
}

/// A configuration file or set of files.
final class GitConfig {
    let pointer: OpaquePointer
    init(_ pointer: OpaquePointer) { self.pointer = pointer }
    deinit { git_config_free(pointer) }
}

/// A remote.
final class GitRemote {
    let pointer: OpaquePointer
    init(_ pointer: OpaquePointer) { self.pointer = pointer }
    deinit { git_remote_free(pointer) }
}

/// A list of strings returned by libgit2 (remote names).
final class GitStringArray {
    var value = git_strarray()
    init() {}
    deinit { git_strarray_dispose(&value) }

    var strings: [String] {
        (0..<value.count).compactMap { index in value.strings[index].map { String(cString: $0) } }
    }
}
