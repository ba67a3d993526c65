import Foundation

/// The git hooks gibson-hook can be wired into. Each has a `gibson-hook <name>` command the shim calls.
public enum HookName: String, Sendable, Equatable, Hashable, CaseIterable, Comparable {
    /// The health gate; the only hook that fails closed when the binary is missing.
    case preCommit = "pre-commit"
    /// The commit event, delivered in the background.
    case postCommit = "post-commit"
    /// The push event (refs from stdin); the health gate too when `hooks.prePushHealthGate`.
    case prePush = "pre-push"
    /// The merge event.
    case postMerge = "post-merge"
    /// A branch switch: the project context switch event.
    case postCheckout = "post-checkout"
    /// Amend and rebase: old → new commit pairs from stdin.
    case postRewrite = "post-rewrite"

    /// What `gibson-hook install` wires when `--hooks` is not given.
    public static let defaults: [HookName] = [.preCommit, .postCommit]

    /// Whether the shim blocks git when the gibson-hook binary cannot be found.
    public var failsClosed: Bool { self == .preCommit }

    /// Orders hooks as `allCases` lists them.
    public static func < (lhs: HookName, rhs: HookName) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Parses a comma-separated list such as `pre-commit,post-commit` or `all`. Every unknown name is
    /// reported at once.
    public static func parseList(_ list: String) throws(HookInstallError) -> [HookName] {
        let names = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if names == ["all"] { return allCases }
        let unknown = names.filter { HookName(rawValue: $0) == nil }
        guard unknown.isEmpty else { throw .unknownHooks(unknown) }
        guard !names.isEmpty else { throw .unknownHooks([list]) }
        var seen: [HookName] = []
        for hook in names.compactMap(HookName.init(rawValue:)) where !seen.contains(hook) { seen.append(hook) }
        return seen
    }
}
