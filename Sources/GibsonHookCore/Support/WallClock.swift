import Foundation

/// The time source and sleeper used by retries, deadlines, caches and breakers, so tests can replace it.
public protocol WallClock: Sendable {
    /// The current time.
    func now() -> Date
    /// Blocks the calling thread for `seconds`.
    func sleep(seconds: Double)
}

/// The real clock.
public struct SystemClock: WallClock {
    /// Creates the system clock.
    public init() {}

    /// The current time.
    public func now() -> Date { Date() }

    /// Sleeps with `nanosleep` semantics; negative or zero durations return at once.
    public func sleep(seconds: Double) {
        guard seconds > 0 else { return }
        Thread.sleep(forTimeInterval: seconds)
    }
}
