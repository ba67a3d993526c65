internal import Clibgit2

/// Computes file lists the way `git diff-tree -r -M` and `git diff-index --cached -M` do: recursive,
/// type changes reported as such, renames detected with git's defaults (50% similarity, limit 1000).
enum ChangeLister {
    /// HEAD's tree against its first parent's (`old` nil for a root commit: every file added).
    static func treeDiff(_ repository: GitRepository, old: GitTree?, new: GitTree) throws -> GitDiff {
        var options = try diffOptions()
        var pointer: OpaquePointer?
        try GitLibrary.check(
            git_diff_tree_to_tree(&pointer, repository.pointer, old?.pointer, new.pointer, &options), "compare HEAD with its parent")
        return try findingRenames(GitDiff(pointer!))
    }

    /// The index against HEAD's tree (`tree` nil on an unborn branch: every entry added).
    static func indexDiff(_ repository: GitRepository, tree: GitTree?, index: GitIndex) throws -> GitDiff {
        var options = try diffOptions()
        var pointer: OpaquePointer?
        try GitLibrary.check(
            git_diff_tree_to_index(&pointer, repository.pointer, tree?.pointer, index.pointer, &options),
            "compare the index with HEAD")
        return try findingRenames(GitDiff(pointer!))
    }

    /// The changes in `diff`, at most `limit` of them, and how many there are in total and by status (of the
    /// whole diff, not only the kept entries: past `limit` only each delta's status is read, no path).
    static func changes(in diff: GitDiff, limit: Int?) throws -> (list: [FileChange], total: Int, byStatus: [FileChangeStatus: Int]) {
        let total = git_diff_num_deltas(diff.pointer)
        let kept = min(total, max(0, limit ?? total))
        var list: [FileChange] = []
        var byStatus: [FileChangeStatus: Int] = [:]
        list.reserveCapacity(kept)
        for position in 0..<total {
            guard let delta = git_diff_get_delta(diff.pointer, position) else { continue }
            if position < kept {
                let change = change(from: delta.pointee)
                list.append(change)
                byStatus[change.status, default: 0] += 1
            } else {
                byStatus[status(of: delta.pointee.status), default: 0] += 1
            }
        }
        return (list, total, byStatus)
    }

    private static func status(of status: git_delta_t) -> FileChangeStatus {
        switch status {
        case GIT_DELTA_ADDED: return .added
        case GIT_DELTA_DELETED: return .deleted
        case GIT_DELTA_RENAMED: return .renamed
        case GIT_DELTA_COPIED: return .copied
        case GIT_DELTA_TYPECHANGE: return .typechange
        default: return .modified
        }
    }

    private static func change(from delta: git_diff_delta) -> FileChange {
        let newPath = delta.new_file.path.map(pathText) ?? ""
        let oldPath = delta.old_file.path.map(pathText)
        switch delta.status {
        case GIT_DELTA_ADDED: return FileChange(path: newPath, status: .added)
        case GIT_DELTA_DELETED: return FileChange(path: oldPath ?? newPath, status: .deleted)
        case GIT_DELTA_RENAMED: return FileChange(path: newPath, status: .renamed, oldPath: oldPath)
        case GIT_DELTA_COPIED: return FileChange(path: newPath, status: .copied, oldPath: oldPath)
        case GIT_DELTA_TYPECHANGE: return FileChange(path: newPath, status: .typechange)
        default: return FileChange(path: newPath, status: .modified)
        }
    }

    /// Paths are bytes in git; ones that are not UTF-8 keep their valid parts and show U+FFFD for the rest.
    private static func pathText(_ path: UnsafePointer<CChar>) -> String {
        String(decoding: CommitReader.bytes(of: path), as: UTF8.self)
    }

    private static func diffOptions() throws -> git_diff_options {
        var options = git_diff_options()
        try GitLibrary.check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "prepare diff options")
        options.flags |= GIT_DIFF_INCLUDE_TYPECHANGE.rawValue
        return options
    }

    private static func findingRenames(_ diff: GitDiff) throws -> GitDiff {
        var options = git_diff_find_options()
        try GitLibrary.check(
            git_diff_find_options_init(&options, UInt32(GIT_DIFF_FIND_OPTIONS_VERSION)), "prepare rename detection")
        options.flags = GIT_DIFF_FIND_RENAMES.rawValue
        options.rename_limit = 1000
        try GitLibrary.check(git_diff_find_similar(diff.pointer, &options), "detect renames")
        return diff
    }
}
