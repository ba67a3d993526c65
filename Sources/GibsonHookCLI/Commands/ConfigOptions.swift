import ArgumentParser
import GibsonHookCore

/// `--config FILE` and `--set key=value`, for any command that loads the configuration:
/// `@OptionGroup var config: ConfigOptions`, then `try env.gibsonHook(config.overrides)`.
struct ConfigOptions: ParsableArguments {
    @Option(name: .customLong("config"), help: ArgumentHelp(
        "Configuration file to use in place of the user file (also GIBSON_HOOK_CONFIG).", valueName: "file"))
    var file: String?

    @Option(name: .customLong("set"), help: ArgumentHelp(
        "Override one key, e.g. --set gibson.timeout=20s (repeatable; wins over every file and variable).",
        valueName: "key=value"))
    var assignments: [String] = []

    /// The overrides these flags describe.
    var overrides: ConfigOverrides { ConfigOverrides(configFile: file, assignments: assignments) }
}
