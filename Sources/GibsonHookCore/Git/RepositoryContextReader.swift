internal import Clibgit2

/// Reads everything `gibson-hook context` reports, with libgit2 only (no `git` subprocess).
public enum RepositoryContextReader {
    /// Reads the context of the repository git would use in `workingDirectory` with `environment`.
    ///
    /// Throws `GitError.notARepository` outside a repository and `GitError.library` when libgit2 fails.
    public static func read(
        workingDirectory: String, environment: ProcessEnvironment, options: ContextOptions = .init()
    ) throws -> RepositoryContext {
        let opened = try RepositoryOpener.open(workingDirectory: workingDirectory, environment: environment)
        let repository = opened.repository
        let head = try HeadReader.read(repository)
        let headCommit = try head.sha.map { try CommitReader.lookup(repository, sha: $0) }
        var commit = try headCommit.map { try CommitReader.info(repository, commit: $0, options: options) }
        if !options.includeChangedFiles { commit?.changedFiles = nil }
        var staged: [FileChange]?
        var stagedTotal = 0
        if options.includeStaged, !opened.location.isBare {
            let index = try openIndex(repository, path: opened.indexPath)
            let tree = try headCommit.map { try CommitReader.tree(of: $0) }
            let diff = try ChangeLister.indexDiff(repository, tree: tree, index: index)
            let changes = try ChangeLister.changes(in: diff, limit: options.maxFiles)
            staged = changes.list
            stagedTotal = changes.total
        }
        return RepositoryContext(
            location: opened.location, head: head, commit: commit, staged: staged, stagedTotal: stagedTotal,
            remote: try RemoteReader.read(repository))
    }

    /// The index named by `GIT_INDEX_FILE`, or the repository's own.
    private static func openIndex(_ repository: GitRepository, path: String?) throws -> GitIndex {
        var pointer: OpaquePointer?
        if let path {
            try GitLibrary.check(git_index_open(&pointer, path), "read the index '\(path)' named by GIT_INDEX_FILE")
        } else {
            try GitLibrary.check(git_repository_index(&pointer, repository.pointer), "read the index")
        }
        return GitIndex(pointer!)
    }
}

/// Reads where HEAD points.
enum HeadReader {
    static func read(_ repository: GitRepository) throws -> HeadInfo {
        var pointer: OpaquePointer?
        try GitLibrary.check(git_reference_lookup(&pointer, repository.pointer, "HEAD"), "read HEAD")
        let head = GitReference(pointer!)
        if git_reference_type(head.pointer) == GIT_REFERENCE_DIRECT {
            return HeadInfo(sha: oidText(git_reference_target(head.pointer)), branch: nil, detached: true, unborn: false)
        }
        let target = git_reference_symbolic_target(head.pointer).map { String(cString: $0) } ?? ""
        let branch = target.hasPrefix("refs/heads/") ? String(target.dropFirst("refs/heads/".count)) : target
        var resolved: OpaquePointer?
        let code = git_reference_resolve(&resolved, head.pointer)
        if GitLibrary.isNotFound(code) {
            return HeadInfo(sha: nil, branch: branch, detached: false, unborn: true)
        }
        try GitLibrary.check(code, "resolve HEAD ('\(target)')")
        let direct = GitReference(resolved!)
        return HeadInfo(sha: oidText(git_reference_target(direct.pointer)), branch: branch, detached: false, unborn: false)
    }

    /// The 40-hex text of an object id.
    static func oidText(_ oid: UnsafePointer<git_oid>?) -> String? {
        guard let oid else { return nil }
        var buffer = [CChar](repeating: 0, count: Int(GIT_OID_HEXSZ) + 1)
        git_oid_tostr(&buffer, buffer.count, oid)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// Reads `origin`, or the first remote.
enum RemoteReader {
    static func read(_ repository: GitRepository) throws -> RemoteInfo? {
        let names = GitStringArray()
        try GitLibrary.check(git_remote_list(&names.value, repository.pointer), "list remotes")
        let all = names.strings
        guard let name = all.contains("origin") ? "origin" : all.first else { return nil }
        var pointer: OpaquePointer?
        try GitLibrary.check(git_remote_lookup(&pointer, repository.pointer, name), "read remote '\(name)'")
        let remote = GitRemote(pointer!)
        let url = git_remote_url(remote.pointer).map { RemoteURL.redacted(String(cString: $0)) }
        return RemoteInfo(name: name, url: url)
    }
}
