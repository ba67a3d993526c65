import Foundation

/// The `health` use-case: check the Gibson target now, or answer from a fresh cached healthy result.
public struct HealthCheck {
    let runner: any ProcessRunner
    let clock: any WallClock

    /// Creates the use-case.
    public init(runner: any ProcessRunner, clock: any WallClock) {
        self.runner = runner
        self.clock = clock
    }

    /// Checks `configuration.gibson`. A fresh cached healthy result for the same target identity is used
    /// unless `noCache`; a healthy probe refreshes the cache and a failing one clears it.
    public func run(
        configuration: Configuration, environment: ProcessEnvironment, statePaths: StatePaths, noCache: Bool,
        timeoutCap: Double? = nil
    ) -> HealthReport {
        let location = GibsonLocation(configuration: configuration, environment: environment)
        let identity = TargetIdentity(location: location, configuration: configuration, environment: environment)
        let cache = HealthCache(statePaths: statePaths)
        let now = clock.now()
        if !noCache, let identity, cache.isFresh(identity, now: now, ttl: configuration.gibson.cacheTTL) {
            return HealthReport(
                executable: location.requested, resolvedPath: location.resolvedPath, probes: [], failure: nil,
                fromCache: true, checkedAt: now)
        }
        let report = HealthProber(runner: runner, environment: environment)
            .checkGibson(configuration, location: location, now: now, timeoutCap: timeoutCap)
        if report.healthy, let identity {
            // The identity is taken again: a probe may have changed Gibson's config file.
            let after = TargetIdentity(location: location, configuration: configuration, environment: environment) ?? identity
            cache.storeHealthy(after, now: clock.now())
        } else if !report.healthy {
            cache.invalidate()
        }
        return report
    }
}
