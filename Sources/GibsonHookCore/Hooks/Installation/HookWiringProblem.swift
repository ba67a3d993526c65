/// One problem with how a repository's hooks are wired, for `validate`.
public struct HookWiringProblem: Sendable, Equatable {
    /// True when it should fail `validate`; false for a warning.
    public var isError: Bool
    /// What is wrong and what to do.
    public var message: String

    /// Creates a problem.
    public init(isError: Bool, message: String) {
        self.isError = isError
        self.message = message
    }
}

extension HookWiring {
    /// Every problem with the default hooks (pre-commit, post-commit) and any other wired hook: not wired,
    /// another tool's hook in the way, a stale shim, a shim whose binary is gone. Outside a repository
    /// there is nothing to check: one warning says so.
    public func problems() -> [HookWiringProblem] {
        let report: StatusReport
        do {
            report = try status()
        } catch {
            return [HookWiringProblem(isError: false, message: "hooks not checked: \(error)")]
        }
        return report.hooks.flatMap { Self.problems(of: $0) }
    }

    static func problems(of status: HookStatus) -> [HookWiringProblem] {
        let name = status.hook.rawValue
        let isDefault = HookName.defaults.contains(status.hook)
        switch status.state {
        case .absent:
            return isDefault ? [HookWiringProblem(isError: true, message: "\(name) is not wired: run 'gibson-hook install'")] : []
        case .foreign:
            guard isDefault else { return [] }
            return [HookWiringProblem(
                isError: true,
                message: "\(name) is another tool's hook ('\(status.path)'): run 'gibson-hook install' to chain it")]
        case .shim:
            var problems: [HookWiringProblem] = []
            if !status.binaryExists {
                problems.append(HookWiringProblem(
                    isError: status.hook.failsClosed,
                    message: "\(name) calls '\(status.binary ?? "?")', which does not exist: run 'gibson-hook install' again"))
            }
            if !status.current {
                problems.append(HookWiringProblem(
                    isError: false, message: "\(name) shim is stale: run 'gibson-hook install' to rewrite it"))
            }
            return problems
        }
    }
}
