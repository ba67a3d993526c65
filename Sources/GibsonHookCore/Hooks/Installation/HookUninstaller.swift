/// What uninstall did to one hook.
public struct HookUninstallResult: Sendable, Equatable {
    /// What happened.
    public enum Action: String, Sendable, Equatable {
        /// Our shim was removed; nothing had been there before it.
        case removed
        /// Our shim was removed and the hook it had chained is back in place, byte for byte.
        case restored
        /// The hook there is not ours; it was left alone.
        case foreign
        /// Nothing of ours was there.
        case absent
    }

    /// The hook this result is about.
    public var hook: HookName
    /// What uninstall did to it.
    public var action: Action
    /// The hook file's path.
    public var path: String
}

/// Removes our shims from a hooks directory and puts back what they replaced.
public struct HookUninstaller {
    /// Creates an uninstaller.
    public init() {}

    /// Uninstalls `hooks` (every hook gibson-hook knows by default) from `hooksDirectory`.
    public func uninstall(
        hooksDirectory: String, hooks: [HookName] = HookName.allCases
    ) throws(HookInstallError) -> [HookUninstallResult] {
        let files = HookFiles(directory: hooksDirectory)
        var results: [HookUninstallResult] = []
        for hook in hooks {
            let path = files.path(hook)
            let chained = files.chainedPath(hook)
            var action = HookUninstallResult.Action.absent
            if files.exists(path) {
                guard files.isShim(path) else {
                    results.append(HookUninstallResult(hook: hook, action: .foreign, path: path))
                    continue
                }
                try files.remove(path)
                action = .removed
            }
            // A backup whose shim has gone (deleted by hand) is still put back: it is the user's hook.
            if files.exists(chained) {
                try files.move(chained, to: path)
                action = .restored
            }
            results.append(HookUninstallResult(hook: hook, action: action, path: path))
        }
        return results
    }
}
