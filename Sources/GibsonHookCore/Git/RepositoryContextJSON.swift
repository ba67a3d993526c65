extension RepositoryContext {
    /// The public JSON shape of `gibson-hook context --json` (documented in docs/context.md): exactly the
    /// keys below, `null` where a value does not apply. When `ContextOptions.maxFiles` cut a list short,
    /// `stagedTotal` and `commit.changedFilesTotal` give the full counts (only then).
    public var json: JSONValue {
        var members: [String: JSONValue] = [
            "root": root.map(JSONValue.string) ?? .null,
            "gitDir": .string(gitDir),
            "commonDir": .string(commonDir),
            "hooksDir": .string(hooksDir),
            "isBare": .bool(isBare),
            "isWorktree": .bool(isWorktree),
            "head": head.json,
            "commit": commit?.json ?? .null,
            "staged": staged.map(FileChange.jsonList) ?? .null,
            "remote": remote?.json ?? .null,
        ]
        if let staged, staged.count < stagedTotal { members["stagedTotal"] = .integer(Int64(stagedTotal)) }
        return .object(members)
    }
}

extension HeadInfo {
    /// `{ "sha", "branch", "detached", "unborn" }`.
    public var json: JSONValue {
        [
            "sha": sha.map(JSONValue.string) ?? .null,
            "branch": branch.map(JSONValue.string) ?? .null,
            "detached": .bool(detached),
            "unborn": .bool(unborn),
        ]
    }
}

extension SignatureInfo {
    /// `{ "name", "email", "time" }`.
    public var json: JSONValue { ["name": .string(name), "email": .string(email), "time": .string(time)] }
}

extension CommitInfo {
    /// `{ "sha", "parents", "author", "committer", "subject", "body", "changedFiles" }`.
    public var json: JSONValue {
        var members: [String: JSONValue] = [
            "sha": .string(sha),
            "parents": .array(parents.map(JSONValue.string)),
            "author": author.json,
            "committer": committer.json,
            "subject": .string(subject),
            "body": .string(body),
            "changedFiles": changedFiles.map(FileChange.jsonList) ?? .null,
        ]
        if let changedFiles, changedFiles.count < changedFilesTotal {
            members["changedFilesTotal"] = .integer(Int64(changedFilesTotal))
        }
        return .object(members)
    }
}

extension RemoteInfo {
    /// `{ "name", "url" }`.
    public var json: JSONValue { ["name": .string(name), "url": url.map(JSONValue.string) ?? .null] }
}

extension FileChange {
    /// `{ "path", "status" }`, plus `"oldPath"` for renames and copies.
    public var json: JSONValue {
        var members: [String: JSONValue] = ["path": .string(path), "status": .string(status.rawValue)]
        if let oldPath { members["oldPath"] = .string(oldPath) }
        return .object(members)
    }

    static func jsonList(_ changes: [FileChange]) -> JSONValue { .array(changes.map(\.json)) }
}
