import Foundation

/// What the health use cases (the gate, health --watch, validate, infra-ready, workflow start) run with
/// besides their collaborators.
public struct HealthOptions: Sendable {
    /// The effective configuration.
    public var configuration: Configuration
    /// The hook's environment (git's local variables are removed before any child runs).
    public var environment: ProcessEnvironment
    /// Where the health cache and Gibson state backups live.
    public var statePaths: StatePaths
    /// Probe even when a cached healthy result is fresh.
    public var noCache: Bool

    /// Creates options.
    public init(configuration: Configuration, environment: ProcessEnvironment, statePaths: StatePaths, noCache: Bool = false) {
        self.configuration = configuration
        self.environment = environment
        self.statePaths = statePaths
        self.noCache = noCache
    }
}
