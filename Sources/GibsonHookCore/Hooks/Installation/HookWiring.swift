/// The install, uninstall and status use-cases for the repository around a working directory: each asks
/// git where hooks live, then acts on that directory.
public struct HookWiring {
    /// What install did, and where.
    public struct InstallReport: Sendable, Equatable {
        /// Where the hooks directory is.
        public var location: HooksLocation
        /// The binary the shims call first.
        public var binary: String
        /// One result per requested hook.
        public var results: [HookInstallResult]
    }

    /// What uninstall did, and where.
    public struct UninstallReport: Sendable, Equatable {
        /// Where the hooks directory is.
        public var location: HooksLocation
        /// One result per requested hook.
        public var results: [HookUninstallResult]
    }

    /// Which hooks are wired, and where.
    public struct StatusReport: Sendable, Equatable {
        /// Where the hooks directory is.
        public var location: HooksLocation
        /// Every hook gibson-hook knows, in order.
        public var hooks: [HookStatus]
    }

    /// The repository's working directory and the process environment (git honours `GIT_DIR` and friends).
    public var workingDirectory: String
    /// The environment git is run with.
    public var environment: ProcessEnvironment

    /// Creates the use-cases for the repository containing `workingDirectory`.
    public init(workingDirectory: String, environment: ProcessEnvironment) {
        self.workingDirectory = workingDirectory
        self.environment = environment
    }

    /// Installs shims for `hooks` calling `binary`.
    public func install(hooks: [HookName], binary: String, force: Bool) throws(HookInstallError) -> InstallReport {
        let location = try HooksLocation.resolve(workingDirectory: workingDirectory, environment: environment)
        let options = HookInstallOptions(hooksDirectory: location.directory, hooks: hooks, binary: binary, force: force)
        return InstallReport(location: location, binary: binary, results: try HookInstaller().install(options))
    }

    /// Removes our shims for `hooks` and restores what they replaced.
    public func uninstall(hooks: [HookName]) throws(HookInstallError) -> UninstallReport {
        let location = try HooksLocation.resolve(workingDirectory: workingDirectory, environment: environment)
        return UninstallReport(
            location: location, results: try HookUninstaller().uninstall(hooksDirectory: location.directory, hooks: hooks))
    }

    /// Reports every hook's state.
    public func status() throws(HookInstallError) -> StatusReport {
        let location = try HooksLocation.resolve(workingDirectory: workingDirectory, environment: environment)
        return StatusReport(location: location, hooks: HookStatusReader().read(hooksDirectory: location.directory))
    }
}

extension HookWiring.InstallReport {
    /// The `install --json` document.
    public var json: JSONValue {
        .object([
            "hooksDir": .string(location.directory), "source": .string(location.source.rawValue),
            "linkedWorktree": .bool(location.isLinkedWorktree), "binary": .string(binary),
            "hooks": .array(results.map { result in
                .object([
                    "hook": .string(result.hook.rawValue), "action": .string(result.action.rawValue),
                    "chained": result.chained.map(JSONValue.string) ?? .null,
                    "previousBackup": result.previousBackup.map(JSONValue.string) ?? .null,
                ])
            }),
        ])
    }
}

extension HookWiring.UninstallReport {
    /// The `uninstall --json` document.
    public var json: JSONValue {
        .object([
            "hooksDir": .string(location.directory), "source": .string(location.source.rawValue),
            "hooks": .array(results.map { .object(["hook": .string($0.hook.rawValue), "action": .string($0.action.rawValue), "path": .string($0.path)]) }),
        ])
    }
}

extension HookWiring.StatusReport {
    /// The `status --json` document.
    public var json: JSONValue {
        .object([
            "hooksDir": .string(location.directory), "source": .string(location.source.rawValue),
            "linkedWorktree": .bool(location.isLinkedWorktree),
            "hooks": .array(hooks.map { status in
                .object([
                    "hook": .string(status.hook.rawValue), "state": .string(status.state.rawValue),
                    "path": .string(status.path), "binary": status.binary.map(JSONValue.string) ?? .null,
                    "binaryExists": .bool(status.binaryExists), "current": .bool(status.current),
                    "chained": status.chained.map(JSONValue.string) ?? .null,
                ])
            }),
        ])
    }
}
