/// What the command line adds to the configuration: `--config FILE` and `--set dotted.key=value`.
public struct ConfigOverrides: Sendable, Equatable {
    /// `--config FILE`: an explicit file in place of the user file (wins over `GIBSON_HOOK_CONFIG`).
    public var configFile: String?
    /// `--set` assignments as typed, `key=value`, applied in order.
    public var assignments: [String]

    /// Creates overrides.
    public init(configFile: String? = nil, assignments: [String] = []) {
        self.configFile = configFile
        self.assignments = assignments
    }

    /// Overrides from a dictionary of dotted key → value (sorted by key, so the order is stable).
    public init(configFile: String? = nil, values: [String: String]) {
        self.init(configFile: configFile, assignments: values.keys.sorted().map { "\($0)=\(values[$0]!)" })
    }
}
