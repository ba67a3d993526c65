/// The state of one hook in a hooks directory.
public struct HookStatus: Sendable, Equatable {
    /// What is in the hook's place.
    public enum State: String, Sendable, Equatable {
        /// Nothing: git runs no hook.
        case absent
        /// A gibson-hook shim.
        case shim
        /// A hook that is not ours (hand-written, husky, lefthook, pre-commit framework).
        case foreign
    }

    /// The hook this status is about.
    public var hook: HookName
    /// What is in its place.
    public var state: State
    /// The hook file's path.
    public var path: String
    /// For a shim: the binary it calls first.
    public var binary: String?
    /// For a shim: whether that binary exists and is executable.
    public var binaryExists: Bool
    /// For a shim: whether it is byte for byte what this version writes for the same binary.
    public var current: Bool
    /// The chained hook (the one that was there before ours), when there is one.
    public var chained: String?
}

/// Reports which hooks are wired.
public struct HookStatusReader {
    /// Creates a reader.
    public init() {}

    /// The status of every hook gibson-hook knows, in `hooksDirectory`.
    public func read(hooksDirectory: String) -> [HookStatus] {
        let files = HookFiles(directory: hooksDirectory)
        return HookName.allCases.map { hook in
            let path = files.path(hook)
            let chained = files.exists(files.chainedPath(hook)) ? files.chainedPath(hook) : nil
            guard files.exists(path) else {
                return HookStatus(hook: hook, state: .absent, path: path, binaryExists: false, current: false, chained: chained)
            }
            guard let text = files.contents(path), ShimTemplate.isShim(text) else {
                return HookStatus(hook: hook, state: .foreign, path: path, binaryExists: false, current: false, chained: chained)
            }
            let binary = ShimTemplate.installedBinary(in: text)
            let current = binary.map { ShimTemplate.render(hook: hook, binary: $0) == text } ?? false
            return HookStatus(
                hook: hook, state: .shim, path: path, binary: binary,
                binaryExists: binary.map(files.isExecutable) ?? false, current: current && files.isExecutable(path),
                chained: chained)
        }
    }
}
