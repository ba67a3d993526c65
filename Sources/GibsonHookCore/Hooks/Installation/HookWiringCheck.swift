/// `validate`'s hooks check: the repository around `workingDirectory` has the default hooks wired to a
/// binary that exists (see `HookWiring.problems()`).
public struct HookWiringCheck: HookWiringInspector {
    /// Where `validate` runs.
    public var workingDirectory: String

    /// Creates the check for the repository containing `workingDirectory`.
    public init(workingDirectory: String) { self.workingDirectory = workingDirectory }

    /// One finding per problem, in area `hooks`.
    public func findings(environment: ProcessEnvironment) -> [ValidationFinding] {
        HookWiring(workingDirectory: workingDirectory, environment: environment).problems().map {
            ValidationFinding(severity: $0.isError ? .error : .warning, area: "hooks", message: $0.message)
        }
    }
}
