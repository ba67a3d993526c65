import Foundation

extension GibsonHook {
    /// `service …`: the installer for user (XDG: `$XDG_CONFIG_HOME/systemd/user`) or system
    /// (`/etc/systemd/system`) units, or for `output` only (files, no systemctl).
    public func serviceInstaller(system: Bool, output: String?) -> ServiceInstaller {
        let environment = context.environment
        let config = environment.nonEmpty("XDG_CONFIG_HOME") ?? ((environment.home ?? "~") + "/.config")
        let directory = output ?? (system ? "/etc/systemd/system" : config + "/systemd/user")
        return ServiceInstaller(directory: directory, system: system, filesOnly: output != nil, runner: runner, environment: environment)
    }

    /// The units for this binary (absolute path) with the environment the configuration needs: the state
    /// directory, the configuration file when one was named, and `PATH` so the unit finds Gibson.
    public func serviceUnits(system: Bool) throws -> ServiceUnits {
        guard let binary = context.executable, binary.hasPrefix("/") else { throw ServiceError.unknownBinary }
        var environment: [(String, String)] = [("GIBSON_HOOK_STATE_DIR", statePaths.directory)]
        for name in ["GIBSON_HOOK_CONFIG", "GIBSON_HOOK_GIBSON", "PATH"] {
            if let value = context.environment.nonEmpty(name) { environment.append((name, value)) }
        }
        return ServiceUnits(binary: binary, configuration: configuration, environment: environment, system: system)
    }
}
