import Foundation

/// The pre-commit gate's memory of the last healthy check: `health-cache.json` in the state directory,
/// written atomically. Only healthy results are stored; a failure removes the entry.
public struct HealthCache: Sendable {
    /// The cache file.
    public let path: String

    /// The cache in `statePaths`.
    public init(statePaths: StatePaths) {
        path = statePaths.directory + "/health-cache.json"
    }

    /// True when `identity` was found healthy less than `ttl` before `now`.
    public func isFresh(_ identity: TargetIdentity, now: Date, ttl: DurationValue) -> Bool {
        guard ttl.seconds > 0, let age = age(of: identity, now: now) else { return false }
        // A clock that went backwards does not make an old entry fresh.
        return age >= 0 && age < ttl.seconds
    }

    /// True when `identity` was found healthy last time but that result is no longer fresh: the gate may
    /// pass at once and re-check in the background. A failed check removed the entry, so a target known
    /// unhealthy or never checked is never stale-healthy.
    public func isStaleHealthy(_ identity: TargetIdentity, now: Date, ttl: DurationValue) -> Bool {
        guard let age = age(of: identity, now: now) else { return false }
        return age < 0 || age >= ttl.seconds
    }

    /// When `identity` was last stored healthy; nil when the entry is missing or for another target.
    public func healthyAt(_ identity: TargetIdentity) -> Date? {
        checkedAt(identity).map { Date(timeIntervalSince1970: $0) }
    }

    /// Seconds since `identity` was stored healthy; nil when the entry is missing or for another target.
    private func age(of identity: TargetIdentity, now: Date) -> Double? {
        checkedAt(identity).map { now.timeIntervalSince1970 - $0 }
    }

    /// The stored check time of `identity` in Unix seconds; nil when missing or for another target.
    private func checkedAt(_ identity: TargetIdentity) -> Double? {
        guard let data = FileManager.default.contents(atPath: path),
            let stored = try? JSONValue.parse(data), stored["key"]?.stringValue == identity.key,
            let checkedAt = stored["checkedAt"]?.intValue
        else { return nil }
        return Double(checkedAt) / 1000
    }

    /// Remembers `identity` as healthy at `now`. Failing to write only costs a probe next time.
    public func storeHealthy(_ identity: TargetIdentity, now: Date) {
        let entry: JSONValue = [
            "key": .string(identity.key), "checkedAt": .integer(Int64(now.timeIntervalSince1970 * 1000)),
        ]
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try? PrivateFiles.write(Data(entry.serialized().utf8), to: path)
    }

    /// Forgets any cached result.
    public func invalidate() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
