/// What the commit event needs from a repository, independent of how it was read (the hooks map the
/// repository context to this).
public struct CommitEventInput: Sendable, Equatable {
    /// One changed file. `status` is added, modified, deleted, renamed, copied or typechange.
    public struct ChangedFile: Sendable, Equatable {
        public var path: String
        public var status: String
        public var oldPath: String?

        public init(path: String, status: String, oldPath: String? = nil) {
            self.path = path
            self.status = status
            self.oldPath = oldPath
        }
    }

    public var sha: String
    public var parents: [String]
    /// Branch name, nil when HEAD is detached.
    public var branch: String?
    public var authorName: String
    public var authorEmail: String
    /// RFC 3339 with the commit's own offset.
    public var authorTime: String
    public var subject: String
    /// The changed files, possibly only the first ones of a large commit (see `changedFilesTotal`).
    public var changedFiles: [ChangedFile]
    /// How many files the whole commit changed; nil: `changedFiles` is the whole list.
    public var changedFilesTotal: Int?
    /// Counts by status over the whole commit; nil: counted from `changedFiles`.
    public var changedFilesByStatus: [String: Int]?
    /// Repository name (the work tree's directory name or the remote's last path segment).
    public var repositoryName: String
    /// Remote URL without credentials, when there is one.
    public var remoteURL: String?

    public init(
        sha: String, parents: [String], branch: String?, authorName: String, authorEmail: String, authorTime: String,
        subject: String, changedFiles: [ChangedFile], repositoryName: String, remoteURL: String? = nil,
        changedFilesTotal: Int? = nil, changedFilesByStatus: [String: Int]? = nil
    ) {
        self.sha = sha
        self.parents = parents
        self.branch = branch
        self.authorName = authorName
        self.authorEmail = authorEmail
        self.authorTime = authorTime
        self.subject = subject
        self.changedFiles = changedFiles
        self.changedFilesTotal = changedFilesTotal
        self.changedFilesByStatus = changedFilesByStatus
        self.repositoryName = repositoryName
        self.remoteURL = remoteURL
    }

    /// The CloudEvents type of commit events.
    public static let type = EventFamily.commit.type("commit")
}

/// Keeps the commit event small: at most `maxFiles` changed files, totals by status, `truncated`, and a
/// serialized data size under `maxDataBytes` (CloudEvents intermediaries must forward 64 KiB events; the
/// envelope and headers take the rest). Totals, counts and `truncated` describe the whole commit, also
/// when the input holds only its first files.
public struct CommitEventBounds: Sendable, Equatable {
    public var maxFiles: Int
    public var maxDataBytes: Int
    public var maxSubjectCharacters: Int

    public init(maxFiles: Int = 1000, maxDataBytes: Int = 60_000, maxSubjectCharacters: Int = 1000) {
        self.maxFiles = maxFiles
        self.maxDataBytes = maxDataBytes
        self.maxSubjectCharacters = maxSubjectCharacters
    }

    /// The commit event's data members (the factory adds `eventId` and `timestamp`).
    public func members(for input: CommitEventInput, projectId: String?, metadata: [String: JSONValue]) -> [String: JSONValue] {
        let counts = input.changedFilesByStatus
            ?? Dictionary(input.changedFiles.map { ($0.status, 1) }, uniquingKeysWith: +)
        let byStatus = counts.mapValues { JSONValue.integer(Int64($0)) }
        let total = max(input.changedFilesTotal ?? 0, input.changedFiles.count)
        let subject = input.subject.count > maxSubjectCharacters
            ? String(input.subject.prefix(maxSubjectCharacters)) + "…" : input.subject
        var members: [String: JSONValue] = [
            "eventType": "updated", "projectId": .string(projectId ?? input.repositoryName),
            "userId": .string(input.authorEmail),
            "changes": [["kind": "commit", "sha": .string(input.sha), "subject": .string(subject)]],
            "metadata": .object(metadata),
            "sha": .string(input.sha), "parents": .array(input.parents.map { .string($0) }),
            "branch": input.branch.map { .string($0) } ?? .null,
            "author": ["name": .string(input.authorName), "email": .string(input.authorEmail), "time": .string(input.authorTime)],
            "subject": .string(subject),
            "repository": ["name": .string(input.repositoryName), "remote": input.remoteURL.map { .string($0) } ?? .null],
            "changedFilesTotal": .integer(Int64(total)), "changedFilesByStatus": .object(byStatus),
        ]
        var limit = min(maxFiles, input.changedFiles.count)
        while true {
            members["changedFiles"] = .array(input.changedFiles.prefix(limit).map(Self.fileValue))
            members["truncated"] = .bool(limit < total)
            if limit == 0 || JSONValue.object(members).serialized().utf8.count <= maxDataBytes { return members }
            limit /= 2
        }
    }

    private static func fileValue(_ file: CommitEventInput.ChangedFile) -> JSONValue {
        var item: [String: JSONValue] = ["path": .string(file.path), "status": .string(file.status)]
        if let oldPath = file.oldPath { item["oldPath"] = .string(oldPath) }
        return .object(item)
    }
}
