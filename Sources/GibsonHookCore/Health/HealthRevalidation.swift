import Foundation

/// Starts a re-check of Gibson that the commit does not wait for (stale-while-revalidate).
public protocol HealthRevalidationLauncher {
    /// Starts the detached re-check; returns its pid.
    func launch(environment: ProcessEnvironment, statePaths: StatePaths) throws -> Int32
}

/// The real launcher: `<gibson-hook> health --revalidate` in its own session, like the detached flush
/// (`DetachedFlushLauncher`): stdin from /dev/null, output appended to `StatePaths.backgroundLog`, git's
/// local variables removed. The child probes Gibson, refreshes or clears the health cache and records a
/// `gibson.health-check` event.
public struct DetachedHealthRevalidationLauncher: HealthRevalidationLauncher {
    /// The gibson-hook executable to run.
    public var executable: String

    /// Creates a launcher running `executable health --revalidate`.
    public init(executable: String) { self.executable = executable }

    /// Spawns the detached re-check; see `HealthRevalidationLauncher.launch`.
    public func launch(environment: ProcessEnvironment, statePaths: StatePaths) throws -> Int32 {
        try DetachedFlushLauncher.spawnInBackground(
            executable: executable, arguments: ["health", "--revalidate"], environment: environment, statePaths: statePaths)
    }
}

/// The marker that one background re-check is under way, so a burst of commits starts one probe, not
/// one each. A marker older than `staleAfter` (a re-check that died) no longer counts.
struct RevalidationMarker {
    let path: String

    init(statePaths: StatePaths) { path = statePaths.directory + "/health-revalidating" }

    /// True when this caller may start a re-check: no recent marker existed, and one now does.
    func claim(now: Date, staleAfter: Double) -> Bool {
        if let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let modified = attributes[.modificationDate] as? Date
        {
            let age = now.timeIntervalSince(modified)
            if age >= 0 && age < staleAfter { return false }
            try? FileManager.default.removeItem(atPath: path)
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { return false }
        close(descriptor)
        return true
    }

    /// Ends the claim (the re-check finished, or could not start).
    func release() { try? FileManager.default.removeItem(atPath: path) }
}
