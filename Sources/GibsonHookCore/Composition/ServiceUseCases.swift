import Foundation

extension GibsonHook {
    /// `service …`: the installer for user (XDG: `$XDG_CONFIG_HOME/systemd/user`) or system
    /// (`/etc/systemd/system`) units, launchd agents (`~/Library/LaunchAgents`) or daemons
    /// (`/Library/LaunchDaemons`), or for `output` only (files, no systemctl or launchctl).
    public func serviceInstaller(system: Bool, output: String?, manager: ServiceManager = .systemd) -> ServiceInstaller {
        let environment = context.environment
        let home = environment.home ?? "~"
        let config = environment.nonEmpty("XDG_CONFIG_HOME") ?? (home + "/.config")
        let directory: String
        switch manager {
        case .systemd: directory = output ?? (system ? "/etc/systemd/system" : config + "/systemd/user")
        case .launchd: directory = output ?? (system ? "/Library/LaunchDaemons" : home + "/Library/LaunchAgents")
        }
        return ServiceInstaller(
            directory: directory, system: system, filesOnly: output != nil, runner: runner, environment: environment, manager: manager)
    }

    /// The files `service install` writes for `manager`.
    public func serviceFiles(system: Bool, manager: ServiceManager) throws -> [ServiceFile] {
        manager == .launchd ? try launchdJobs().files : try serviceUnits(system: system).files
    }

    /// The launchd jobs for this binary, with the same environment as the systemd units; their output goes
    /// to the state directory.
    public func launchdJobs() throws -> LaunchdJobs {
        let (binary, environment) = try serviceEnvironment()
        return LaunchdJobs(binary: binary, configuration: configuration, environment: environment, logDirectory: statePaths.directory)
    }

    /// The units for this binary (absolute path) with the environment the configuration needs: the state
    /// directory, the configuration file when one was named, and `PATH` so the unit finds Gibson.
    public func serviceUnits(system: Bool) throws -> ServiceUnits {
        let (binary, environment) = try serviceEnvironment()
        return ServiceUnits(binary: binary, configuration: configuration, environment: environment, system: system)
    }

    private func serviceEnvironment() throws -> (binary: String, environment: [(String, String)]) {
        guard let binary = context.executable, binary.hasPrefix("/") else { throw ServiceError.unknownBinary }
        var environment: [(String, String)] = [("GIBSON_HOOK_STATE_DIR", statePaths.directory)]
        for name in ["GIBSON_HOOK_CONFIG", "GIBSON_HOOK_GIBSON", "PATH"] {
            if let value = context.environment.nonEmpty(name) { environment.append((name, value)) }
        }
        for (name, value) in [("gibson-hook's own path", binary)] + environment {
            if let bad = value.unicodeScalars.first(where: { $0.value < 0x20 || $0.value == 0x7F || $0.value == 0xFFFE || $0.value == 0xFFFF }) {
                throw ServiceError.controlCharacter(name: name, scalar: bad.value)
            }
        }
        return (binary, environment)
    }
}
