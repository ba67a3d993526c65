/// What git tells each hook, parsed from its arguments and stdin (githooks(5)).
public enum HookInput: Sendable, Equatable {
    /// pre-commit and post-commit take nothing.
    case none
    /// pre-push: remote name and URL as arguments, one line per ref on stdin.
    case push(remote: String, url: String, updates: [PushUpdate])
    /// post-merge: whether the merge was a squash (`1`).
    case merge(squash: Bool)
    /// post-checkout: previous HEAD, new HEAD, and whether it was a branch checkout (flag `1`).
    case checkout(previousHead: String, newHead: String, branchSwitch: Bool)
    /// post-rewrite: the command (`amend` or `rebase`) and old → new pairs from stdin.
    case rewrite(command: String, pairs: [RewritePair])

    /// The all-zero object id git uses for "no object".
    public static let zeroId = String(repeating: "0", count: 40)

    /// Parses the input of `hook` from `arguments` and `stdin`; malformed lines are skipped, never fatal
    /// (a hook must not fail a push because of a line it does not understand).
    public static func parse(hook: HookName, arguments: [String], stdin: String) -> HookInput {
        switch hook {
        case .preCommit, .postCommit:
            return .none
        case .prePush:
            let updates = lines(stdin).compactMap(PushUpdate.init(line:))
            return .push(remote: arguments.first ?? "", url: arguments.dropFirst().first ?? "", updates: updates)
        case .postMerge:
            return .merge(squash: arguments.first == "1")
        case .postCheckout:
            return .checkout(
                previousHead: arguments.first ?? "", newHead: arguments.dropFirst().first ?? "",
                branchSwitch: arguments.dropFirst(2).first == "1")
        case .postRewrite:
            return .rewrite(command: arguments.first ?? "", pairs: lines(stdin).compactMap(RewritePair.init(line:)))
        }
    }

    private static func lines(_ text: String) -> [Substring] {
        text.split(whereSeparator: \.isNewline).filter { !$0.isEmpty }
    }
}

/// One ref a push updates: `<local ref> <local sha> <remote ref> <remote sha>`.
public struct PushUpdate: Sendable, Equatable {
    /// The local ref pushed (`refs/heads/main`), or `(delete)`.
    public var localRef: String
    /// Its object id; the zero id when the remote ref is deleted.
    public var localSha: String
    /// The ref updated on the remote.
    public var remoteRef: String
    /// The remote's current object id; the zero id when the ref is new there.
    public var remoteSha: String

    /// `create` (remote had nothing), `delete` (local is the zero id) or `update`.
    public var kind: String {
        if localSha == HookInput.zeroId { return "delete" }
        if remoteSha == HookInput.zeroId { return "create" }
        return "update"
    }

    /// Creates an update.
    public init(localRef: String, localSha: String, remoteRef: String, remoteSha: String) {
        self.localRef = localRef
        self.localSha = localSha
        self.remoteRef = remoteRef
        self.remoteSha = remoteSha
    }

    init?(line: Substring) {
        let fields = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard fields.count == 4 else { return nil }
        self.init(localRef: fields[0], localSha: fields[1], remoteRef: fields[2], remoteSha: fields[3])
    }
}

/// One rewritten commit: `<old sha> <new sha> [<extra>]`.
public struct RewritePair: Sendable, Equatable {
    /// The commit before the rewrite.
    public var old: String
    /// The commit that replaced it.
    public var new: String

    /// Creates a pair.
    public init(old: String, new: String) {
        self.old = old
        self.new = new
    }

    init?(line: Substring) {
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count >= 2 else { return nil }
        self.init(old: String(fields[0]), new: String(fields[1]))
    }
}
