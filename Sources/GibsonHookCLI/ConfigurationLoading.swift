import ArgumentParser
import GibsonHookCore

extension CommandEnvironment {
    /// The effective configuration for a command running in `workingDirectory`: defaults, user file (or
    /// `configFile`/`GIBSON_HOOK_CONFIG` in its place), repository files, `GIBSON_HOOK_*` variables, then
    /// `flagOverrides` (dotted key → value).
    ///
    /// Every command obtains its configuration here and nowhere else. Warnings go to stderr; an invalid
    /// configuration prints every problem to stderr and exits with status 2 (`HookExitCode.usage`).
    func loadConfiguration(flagOverrides: [String: String] = [:], configFile: String? = nil) throws -> Configuration {
        try loadConfiguration(ConfigOverrides(configFile: configFile, values: flagOverrides))
    }

    /// The effective configuration with `--config`/`--set` from a command's `ConfigOptions`.
    func loadConfiguration(_ options: ConfigOptions) throws -> Configuration {
        try loadConfiguration(options.overrides)
    }

    /// The effective configuration with explicit overrides.
    func loadConfiguration(_ overrides: ConfigOverrides) throws -> Configuration {
        try loadConfigurationWithOrigins(overrides).configuration
    }

    /// The effective configuration with origins and warnings (for `gibson-hook config`).
    func loadConfigurationWithOrigins(_ overrides: ConfigOverrides, quiet: Bool = false) throws -> LoadedConfiguration {
        let loader = ConfigLoader(environment: environment, workingDirectory: workingDirectory)
        do {
            let loaded = try loader.load(overrides: overrides)
            if !quiet {
                for warning in loaded.warnings { stderr.write(errorStyle.yellow(warning.description) + "\n") }
            }
            return loaded
        } catch let error as ConfigError {
            stderr.write(errorStyle.red(error.description) + "\n")
            throw ExitCode(HookExitCode.usage.rawValue)
        }
    }

    /// The state directory for this process.
    var statePaths: StatePaths { StatePaths(environment: environment) }
}
