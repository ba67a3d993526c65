import ArgumentParser
import GibsonHookCore

/// `gibson-hook service install|uninstall|status`: systemd units that keep the watch running across reboots.
struct ServiceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "service", abstract: "Install systemd units (launchd jobs on macOS) that run health --watch and infra-ready at start-up.",
        subcommands: [ServiceInstallCommand.self, ServiceUninstallCommand.self, ServiceStatusCommand.self])
}

/// The flags every `service` subcommand shares.
struct ServiceOptions: ParsableArguments {
    @Flag(help: "User units in $XDG_CONFIG_HOME/systemd/user (the default).") var user = false
    @Flag(help: "System units in /etc/systemd/system (needs root).") var system = false
    @Option(help: ArgumentHelp("Only write (or remove) the unit files in this directory; run no systemctl or launchctl.", valueName: "dir"))
    var output: String?
    @Flag(help: "launchd property lists (~/Library/LaunchAgents; the default on macOS).") var launchd = false
    @Flag(help: "systemd units (the default elsewhere).") var systemd = false
    @OptionGroup var config: ConfigOptions

    func validate() throws {
        if user && system { throw ValidationError("--user and --system exclude each other") }
        if launchd && systemd { throw ValidationError("--launchd and --systemd exclude each other") }
        if let output, output.isEmpty { throw ValidationError("--output needs a directory") }
    }

    var manager: ServiceManager { launchd ? .launchd : systemd ? .systemd : .native }
}

struct ServiceInstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "install", abstract: "Write, enable and start the units.")
    @OptionGroup var options: ServiceOptions

    func run() throws {
        let env = CommandEnvironment.current()
        let root = try env.gibsonHook(options.config.overrides)
        let installer = root.serviceInstaller(system: options.system, output: options.output, manager: options.manager)
        for path in try installer.install(try root.serviceFiles(system: options.system, manager: options.manager)) {
            env.stdout.write("wrote \(path)\n")
        }
        if installer.filesOnly {
            env.note(options.manager == .launchd ? "wrote the property lists only; nothing was loaded" : "wrote the units only; nothing was enabled")
        }
    }
}

struct ServiceUninstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "uninstall", abstract: "Stop, disable and remove the units install wrote.")
    @OptionGroup var options: ServiceOptions

    func run() throws {
        let env = CommandEnvironment.current()
        let removed = try env.gibsonHook(options.config.overrides)
            .serviceInstaller(system: options.system, output: options.output, manager: options.manager).uninstall()
        for path in removed { env.stdout.write("removed \(path)\n") }
        if removed.isEmpty { env.note("no gibson-hook units to remove") }
    }
}

struct ServiceStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show whether the units are installed and running.")
    @OptionGroup var options: ServiceOptions

    func run() throws {
        let env = CommandEnvironment.current()
        let installer = try env.gibsonHook(options.config.overrides)
            .serviceInstaller(system: options.system, output: options.output, manager: options.manager)
        if !installer.managerRunning, !installer.filesOnly {
            env.stdout.write(installer.manager == .systemd
                ? "systemd is not running here (a container or CI?): no service state to read\n"
                : "launchd is not running here (it is macOS's service manager): no service state to read\n")
        }
        for unit in installer.status() {
            let state = unit.active.map { ", \($0)" } ?? ""
            env.stdout.write("\(unit.name): \(unit.installed ? "installed" : "not installed")\(state)\n")
        }
    }
}
