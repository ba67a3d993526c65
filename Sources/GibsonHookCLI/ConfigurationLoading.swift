import GibsonHookCore

extension CommandEnvironment {
    /// The effective configuration for a command running in `workingDirectory`: defaults, user file,
    /// repository files, `GIBSON_HOOK_*` variables, then `flagOverrides` (dotted key → value).
    ///
    /// Every command obtains its configuration here and nowhere else.
    func loadConfiguration(flagOverrides: [String: String] = [:]) throws -> Configuration {
        // Replaced by the configuration loader (ConfigLoader); until then the embedded defaults.
        Configuration()
    }

    /// The state directory for this process.
    var statePaths: StatePaths { StatePaths(environment: environment) }
}
