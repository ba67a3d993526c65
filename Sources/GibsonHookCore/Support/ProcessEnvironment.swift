/// The environment variables a use-case sees, passed in so tests can replace them.
///
/// The core never reads `ProcessInfo` directly: the CLI captures the environment once and hands it down.
public struct ProcessEnvironment: Sendable, Equatable {
    /// Variable names mapped to their values.
    public var values: [String: String]

    /// Creates an environment from explicit values.
    public init(_ values: [String: String] = [:]) {
        self.values = values
    }

    /// The value of `name`, or nil when it is unset. An empty value counts as set.
    public subscript(_ name: String) -> String? {
        get { values[name] }
        set { values[name] = newValue }
    }

    /// The value of `name` when it is set and not empty.
    public func nonEmpty(_ name: String) -> String? {
        guard let value = values[name], !value.isEmpty else { return nil }
        return value
    }

    /// The user's home directory, from `HOME`.
    public var home: String? { nonEmpty("HOME") }

    /// Git's per-repository variables (`git rev-parse --local-env-vars`). A child process that inherits
    /// them from a hook acts on the hook's repository and index, which corrupts indexes in worktrees.
    public static let gitLocalVariables: [String] = [
        "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_CONFIG", "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT",
        "GIT_OBJECT_DIRECTORY", "GIT_DIR", "GIT_WORK_TREE", "GIT_IMPLICIT_WORK_TREE", "GIT_GRAFT_FILE",
        "GIT_INDEX_FILE", "GIT_NO_REPLACE_OBJECTS", "GIT_REPLACE_REF_BASE", "GIT_PREFIX",
        "GIT_INTERNAL_SUPER_PREFIX", "GIT_SHALLOW_FILE", "GIT_COMMON_DIR",
    ]

    /// A copy without git's per-repository variables, for child processes that must not act on the
    /// hook's repository.
    public func removingGitLocalVariables() -> ProcessEnvironment {
        var copy = self
        for name in Self.gitLocalVariables { copy.values.removeValue(forKey: name) }
        copy.values = copy.values.filter { !$0.key.hasPrefix("GIT_CONFIG_KEY_") && !$0.key.hasPrefix("GIT_CONFIG_VALUE_") }
        return copy
    }
}
