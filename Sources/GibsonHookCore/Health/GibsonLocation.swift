import Foundation

/// Which Gibson executable to check: `GIBSON_HOOK_GIBSON`, then `gibson.command`, then `gibson` on PATH.
public struct GibsonLocation: Sendable, Equatable {
    /// The name or path asked for.
    public var requested: String
    /// The executable found, with symlinks resolved; nil when none is installed.
    public var resolvedPath: String?

    /// Resolves the executable against the environment's `PATH`.
    public init(configuration: Configuration, environment: ProcessEnvironment) {
        requested = environment.nonEmpty("GIBSON_HOOK_GIBSON") ?? configuration.gibson.command
        let expanded = expandHome(requested, environment: environment)
        resolvedPath = ExecutableLocator.resolve(expanded, path: environment["PATH"]).map {
            URL(fileURLWithPath: $0).resolvingSymlinksInPath().path
        }
    }
}
