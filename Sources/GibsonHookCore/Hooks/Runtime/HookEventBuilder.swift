/// Builds the event a hook emits from what git passed it and the repository context. Pure: no I/O.
///
/// Types (all in the commit family, routed like commits): `ai.gibson.hook.git.commit` (post-commit),
/// `git.push` (pre-push), `git.merge` (post-merge), `git.context-switch` (post-checkout of a branch; file
/// checkouts emit nothing) and `git.rewrite` (post-rewrite).
public struct HookEventBuilder {
    /// At most this many pushed refs or rewritten pairs are listed; the rest are counted.
    public static let maxListed = 1000

    /// Builds the envelopes (ids, source, time, routing).
    public var factory: EventFactory
    /// CI metadata and anything else every event carries under `metadata`.
    public var metadata: [String: JSONValue]

    /// Creates a builder around `factory`.
    public init(factory: EventFactory, metadata: [String: JSONValue] = [:]) {
        self.factory = factory
        self.metadata = metadata
    }

    /// The events for one run of `hook`; empty when the hook has nothing to say (pre-commit, file checkouts).
    public func events(hook: HookName, input: HookInput, context: RepositoryContext) -> [OutboundEvent] {
        let branch = context.head.branch
        switch input {
        case .none:
            guard hook == .postCommit, let commit = context.commit else { return [] }
            return [factory.commit(Self.commitInput(commit, context: context), metadata: metadata)]
        case .push(let remote, let url, let updates):
            let listed = updates.prefix(Self.maxListed).map { update -> JSONValue in
                ["localRef": .string(update.localRef), "localSha": .string(update.localSha),
                 "remoteRef": .string(update.remoteRef), "remoteSha": .string(update.remoteSha),
                 "kind": .string(update.kind)]
            }
            return [make("push", context: context, members: [
                "remote": .string(remote), "url": .string(EventFactory.removingCredentials(url)),
                "updates": .array(Array(listed)), "updatesTotal": .integer(Int64(updates.count)),
                "truncated": .bool(updates.count > listed.count),
            ])]
        case .merge(let squash):
            return [make("merge", context: context, members: ["squash": .bool(squash)])]
        case .checkout(let previous, let new, let branchSwitch):
            guard branchSwitch else { return [] }
            return [make("context-switch", context: context, members: [
                "previousHead": .string(previous), "head": .string(new),
                "detached": .bool(context.head.detached), "branch": branch.map(JSONValue.string) ?? .null,
            ])]
        case .rewrite(let command, let pairs):
            let listed = pairs.prefix(Self.maxListed).map { pair -> JSONValue in ["old": .string(pair.old), "new": .string(pair.new)] }
            return [make("rewrite", context: context, members: [
                "command": .string(command), "rewrites": .array(Array(listed)),
                "rewritesTotal": .integer(Int64(pairs.count)), "truncated": .bool(pairs.count > listed.count),
            ])]
        }
    }

    private func make(_ name: String, context: RepositoryContext, members: [String: JSONValue]) -> OutboundEvent {
        var data = members
        data["head"] = data["head"] ?? context.head.sha.map(JSONValue.string) ?? .null
        data["branch"] = context.head.branch.map(JSONValue.string) ?? .null
        data["repository"] = [
            "name": .string(Self.repositoryName(context)),
            "remote": context.remote?.url.map(JSONValue.string) ?? .null,
        ]
        data["projectId"] = factory.routing.projectId.map(JSONValue.string) ?? .null
        data["metadata"] = .object(metadata)
        let subject = context.head.branch.map { "refs/heads/" + $0 }
        return factory.make(type: EventFamily.commit.type(name), members: data, subject: subject, branch: context.head.branch)
    }

    /// Maps the repository context's HEAD commit to the commit event's input.
    static func commitInput(_ commit: CommitInfo, context: RepositoryContext) -> CommitEventInput {
        CommitEventInput(
            sha: commit.sha, parents: commit.parents, branch: context.head.branch,
            authorName: commit.author.name, authorEmail: commit.author.email, authorTime: commit.author.time,
            subject: commit.subject,
            changedFiles: (commit.changedFiles ?? []).map {
                CommitEventInput.ChangedFile(path: $0.path, status: $0.status.rawValue, oldPath: $0.oldPath)
            },
            repositoryName: repositoryName(context), remoteURL: context.remote?.url,
            // The context lists at most the event's first files; totals and counts cover the whole commit.
            changedFilesTotal: commit.changedFilesTotal,
            changedFilesByStatus: Dictionary(uniqueKeysWithValues: commit.changedFilesByStatus.map { ($0.key.rawValue, $0.value) }))
    }

    /// The remote's last path segment, else the work tree's directory name, else the common dir's.
    static func repositoryName(_ context: RepositoryContext) -> String {
        if let remote = context.remote?.url, let last = remote.split(separator: "/").last {
            return last.hasSuffix(".git") ? String(last.dropLast(4)) : String(last)
        }
        let base = context.location.root ?? context.location.commonDir
        return base.split(separator: "/").last.map(String.init) ?? "repository"
    }
}
