import ArgumentParser
import GibsonHookCore

/// `gibson-hook config`: the configuration commands; `show` (the default) and `check`.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show or check the configuration.",
        subcommands: [ConfigShowCommand.self, ConfigCheckCommand.self],
        defaultSubcommand: ConfigShowCommand.self)
}

/// `gibson-hook config [show] [--json]`: the effective configuration and where each value came from.
struct ConfigShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show the effective configuration and where each value came from (the default).",
        discussion: """
            Sources, later winning: built-in defaults; $XDG_CONFIG_HOME/gibson-hook/config.yml (or the file \
            named by --config or GIBSON_HOOK_CONFIG in its place); the repository's .gibson-hook.yml; its \
            .gibson-hook.local.yml; GIBSON_HOOK_* environment variables; --set flags. Secrets are masked.
            """)

    @OptionGroup var config: ConfigOptions

    @Flag(help: "Print JSON: settings (each key with its value and origin), files and warnings.")
    var json = false

    func run() throws {
        let env = CommandEnvironment.current()
        let loaded = try env.loadConfiguration(config.overrides, quiet: json)
        let report = ConfigReport(loaded)
        if json {
            env.json(report.json)
            return
        }
        let style = env.outputStyle
        if report.files.isEmpty {
            env.stdout.write(style.dim("# no configuration files: built-in defaults") + "\n")
        }
        for file in report.files {
            env.stdout.write(style.dim("# \(file.role.rawValue) file: \(file.path)") + "\n")
        }
        for entry in report.entries {
            let value = entry.value.serialized()
            env.stdout.write("\(entry.key) = \(value)  " + style.dim("(\(entry.origin))") + "\n")
        }
    }
}
