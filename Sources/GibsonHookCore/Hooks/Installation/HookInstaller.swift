/// What to install, and where.
public struct HookInstallOptions: Sendable, Equatable {
    /// The hooks directory git uses (see `HooksLocation`).
    public var hooksDirectory: String
    /// The hooks to wire.
    public var hooks: [HookName]
    /// Absolute path of the gibson-hook executable the shims call first.
    public var binary: String
    /// Rewrite shims even when current, and chain a foreign hook even when an older backup exists (that
    /// backup is kept under a numbered name).
    public var force: Bool

    /// Creates options.
    public init(hooksDirectory: String, hooks: [HookName] = HookName.defaults, binary: String, force: Bool = false) {
        self.hooksDirectory = hooksDirectory
        self.hooks = hooks
        self.binary = binary
        self.force = force
    }
}

/// What install did to one hook.
public struct HookInstallResult: Sendable, Equatable {
    /// What happened.
    public enum Action: String, Sendable, Equatable {
        /// A shim was written where there was none of ours.
        case installed
        /// An older or different shim of ours was rewritten.
        case updated
        /// Our shim was already exactly what this version writes.
        case unchanged
    }

    /// The hook this result is about.
    public var hook: HookName
    /// What install did to it.
    public var action: Action
    /// Where the hook that was there before now lives (it still runs, chained), when there was one.
    public var chained: String?
    /// Where an earlier backup was moved by `--force`, when that happened.
    public var previousBackup: String?
}

/// Writes shims into a hooks directory, moving foreign hooks aside and chaining them.
public struct HookInstaller {
    /// Creates an installer.
    public init() {}

    /// Installs `options.hooks`. Checks every hook for conflicts before changing anything.
    public func install(_ options: HookInstallOptions) throws(HookInstallError) -> [HookInstallResult] {
        let files = HookFiles(directory: options.hooksDirectory)
        if !options.force {
            for hook in options.hooks where isForeign(hook, files) && files.exists(files.chainedPath(hook)) {
                throw .backupExists(hook: files.path(hook), backup: files.chainedPath(hook))
            }
        }
        var results: [HookInstallResult] = []
        for hook in options.hooks {
            results.append(try install(hook, files: files, options: options))
        }
        return results
    }

    private func isForeign(_ hook: HookName, _ files: HookFiles) -> Bool {
        files.exists(files.path(hook)) && !files.isShim(files.path(hook))
    }

    private func install(
        _ hook: HookName, files: HookFiles, options: HookInstallOptions
    ) throws(HookInstallError) -> HookInstallResult {
        let path = files.path(hook)
        let shim = ShimTemplate.render(hook: hook, binary: options.binary)
        let chainedPath = files.chainedPath(hook)
        var result = HookInstallResult(hook: hook, action: .installed)
        if isForeign(hook, files) {
            if files.exists(chainedPath) {
                let numbered = files.freeNumberedPath(chainedPath)
                try files.move(chainedPath, to: numbered)
                result.previousBackup = numbered
            }
            try files.move(path, to: chainedPath)
        } else if let existing = files.contents(path) {
            if existing == shim && !options.force && files.isExecutable(path) {
                result.action = .unchanged
            } else {
                result.action = .updated
            }
        }
        if result.action != .unchanged { try files.writeShim(shim, to: path) }
        if files.exists(chainedPath) { result.chained = chainedPath }
        return result
    }
}
