/// How a file changed between two snapshots.
public enum FileChangeStatus: String, Sendable, Equatable, CaseIterable {
    /// The file is new.
    case added
    /// The file's content or mode changed.
    case modified
    /// The file was removed.
    case deleted
    /// The file moved (`oldPath` gives where from), possibly with edits.
    case renamed
    /// The file was copied from `oldPath`.
    case copied
    /// The file changed kind: regular file, symbolic link or submodule.
    case typechange
}

/// One changed file. `oldPath` is set only for renames and copies.
public struct FileChange: Sendable, Equatable {
    /// The path after the change, relative to the work tree root, `/`-separated.
    public var path: String
    /// What happened to it.
    public var status: FileChangeStatus
    /// Where a renamed or copied file came from; nil otherwise.
    public var oldPath: String?

    /// Creates a change.
    public init(path: String, status: FileChangeStatus, oldPath: String? = nil) {
        self.path = path
        self.status = status
        self.oldPath = oldPath
    }
}

/// What HEAD points at.
public struct HeadInfo: Sendable, Equatable {
    /// The commit HEAD resolves to; nil on an unborn branch.
    public var sha: String?
    /// The branch name without `refs/heads/`; nil when HEAD is detached.
    public var branch: String?
    /// Whether HEAD names a commit directly instead of a branch.
    public var detached: Bool
    /// Whether HEAD names a branch that has no commit yet.
    public var unborn: Bool
}

/// A commit's author or committer.
public struct SignatureInfo: Sendable, Equatable {
    /// The name as recorded.
    public var name: String
    /// The e-mail address as recorded.
    public var email: String
    /// When, as RFC 3339 text with the signature's own UTC offset (`2026-01-02T03:04:05+01:00`).
    public var time: String
}

/// The commit HEAD points at.
public struct CommitInfo: Sendable, Equatable {
    /// Its full object id.
    public var sha: String
    /// Parent ids in order (the first parent first).
    public var parents: [String]
    /// Who wrote the change.
    public var author: SignatureInfo
    /// Who made the commit.
    public var committer: SignatureInfo
    /// The first paragraph of the message on one line (`git log --format=%s`).
    public var subject: String
    /// The rest of the message after the blank line(s), trailing whitespace removed (`%b`); may be empty.
    public var body: String
    /// Files changed against the first parent (all files of a root commit), or nil when not requested.
    /// At most `ContextOptions.maxFiles` entries.
    public var changedFiles: [FileChange]?
    /// How many files changed in total, even when `changedFiles` is capped.
    public var changedFilesTotal: Int
    /// How many files changed by status, counted over the whole commit (not only `changedFiles`).
    public var changedFilesByStatus: [FileChangeStatus: Int]

    /// Creates commit information.
    public init(
        sha: String, parents: [String], author: SignatureInfo, committer: SignatureInfo, subject: String,
        body: String, changedFiles: [FileChange]?, changedFilesTotal: Int,
        changedFilesByStatus: [FileChangeStatus: Int]? = nil
    ) {
        self.sha = sha
        self.parents = parents
        self.author = author
        self.committer = committer
        self.subject = subject
        self.body = body
        self.changedFiles = changedFiles
        self.changedFilesTotal = changedFilesTotal
        self.changedFilesByStatus = changedFilesByStatus
            ?? Dictionary((changedFiles ?? []).map { ($0.status, 1) }, uniquingKeysWith: +)
    }
}

/// The remote a repository talks to.
public struct RemoteInfo: Sendable, Equatable {
    /// `origin` when it exists, otherwise the first configured remote.
    public var name: String
    /// Its fetch URL with any credentials removed; nil when it has none.
    public var url: String?

    /// Creates remote information.
    public init(name: String, url: String?) {
        self.name = name
        self.url = url
    }
}

/// What to compute besides the repository's location and HEAD.
public struct ContextOptions: Sendable, Equatable {
    /// Whether to compare the index with HEAD (`staged`).
    public var includeStaged: Bool
    /// Whether to compare HEAD with its first parent (`commit.changedFiles`).
    public var includeChangedFiles: Bool
    /// The most entries kept in each file list (events stay small); totals are always reported. nil: no cap.
    public var maxFiles: Int?

    /// Creates options; by default everything, uncapped.
    public init(includeStaged: Bool = true, includeChangedFiles: Bool = true, maxFiles: Int? = nil) {
        self.includeStaged = includeStaged
        self.includeChangedFiles = includeChangedFiles
        self.maxFiles = maxFiles
    }
}

/// Everything `gibson-hook context` reports about a repository.
public struct RepositoryContext: Sendable, Equatable {
    /// Where the repository lives.
    public var location: RepositoryLocation
    /// What HEAD points at.
    public var head: HeadInfo
    /// The commit at HEAD; nil on an unborn branch.
    public var commit: CommitInfo?
    /// The index git is using compared with HEAD; nil when not requested or in a bare repository.
    /// At most `ContextOptions.maxFiles` entries.
    public var staged: [FileChange]?
    /// How many entries `staged` would have without the cap.
    public var stagedTotal: Int
    /// `origin` or the first remote; nil when there is none.
    public var remote: RemoteInfo?

    /// Creates a context.
    public init(
        location: RepositoryLocation, head: HeadInfo, commit: CommitInfo?, staged: [FileChange]?, stagedTotal: Int,
        remote: RemoteInfo?
    ) {
        self.location = location
        self.head = head
        self.commit = commit
        self.staged = staged
        self.stagedTotal = stagedTotal
        self.remote = remote
    }

    /// The work tree root, or nil in a bare repository.
    public var root: String? { location.root }
    /// The git directory.
    public var gitDir: String { location.gitDir }
    /// The common directory.
    public var commonDir: String { location.commonDir }
    /// Where git runs hooks from.
    public var hooksDir: String { location.hooksDir }
    /// Whether the repository is bare.
    public var isBare: Bool { location.isBare }
    /// Whether this is a linked worktree.
    public var isWorktree: Bool { location.isWorktree }
}
