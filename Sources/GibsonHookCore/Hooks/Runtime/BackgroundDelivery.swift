import Foundation

/// Starts delivery of stored events without making git wait.
public protocol BackgroundDeliveryLauncher {
    /// Starts a detached `gibson-hook flush`; returns its pid.
    func launch(environment: ProcessEnvironment, statePaths: StatePaths) throws -> Int32
}

/// The real launcher: `<gibson-hook> flush` in its own session (setsid), stdin from /dev/null, output
/// appended to `StatePaths.backgroundLog`, git's local variables removed.
public struct DetachedFlushLauncher: BackgroundDeliveryLauncher {
    /// The gibson-hook executable to run.
    public var executable: String

    /// Creates a launcher running `executable flush`.
    public init(executable: String) { self.executable = executable }

    /// Spawns the detached flush; see `BackgroundDeliveryLauncher.launch`.
    public func launch(environment: ProcessEnvironment, statePaths: StatePaths) throws -> Int32 {
        try Self.spawnInBackground(executable: executable, arguments: ["flush"], environment: environment, statePaths: statePaths)
    }
}

extension DetachedFlushLauncher {
    /// Spawns `executable arguments…` in its own session with its output appended to the private
    /// `StatePaths.backgroundLog` (the state directory made 0700, the log 0600) and none of the hook's
    /// inherited descriptors; returns its pid. The detached flush and the health re-check both start so.
    static func spawnInBackground(
        executable: String, arguments: [String], environment: ProcessEnvironment, statePaths: StatePaths
    ) throws -> Int32 {
        try FileManager.default.createDirectory(
            atPath: statePaths.directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        PrivateFiles.restrict(statePaths.backgroundLog, to: 0o600)
        markDescriptorsCloseOnExec()
        return try DetachedProcess.spawn(
            executable: executable, arguments: arguments, environment: environment, logFile: statePaths.backgroundLog)
    }

    /// Sets close-on-exec on every descriptor above stderr. A hook inherits descriptors from git and from
    /// whatever ran git (an IDE, a test harness); a pipe among them that reached the detached flush would
    /// keep the caller waiting for end-of-file until the flush ends, which is exactly the wait it exists to
    /// avoid. The hook process exits right after the spawn, so nothing of its own needs them afterwards.
    /// The open descriptors are listed from /proc/self/fd on Linux and /dev/fd on Darwin (where /proc does
    /// not exist); when neither can be listed every descriptor below the open-files limit is marked.
    static func markDescriptorsCloseOnExec() {
        #if os(Linux)
        let listing = "/proc/self/fd"
        #else
        let listing = "/dev/fd"
        #endif
        if let names = try? FileManager.default.contentsOfDirectory(atPath: listing) {
            return markCloseOnExec(names.compactMap(Int32.init))
        }
        let limit = min(max(Int(sysconf(Int32(_SC_OPEN_MAX))), 256), 65_536)
        markCloseOnExec((3..<Int32(limit)).map { $0 })
    }

    /// Sets close-on-exec on each of `descriptors` above stderr.
    static func markCloseOnExec(_ descriptors: [Int32]) {
        for descriptor in descriptors where descriptor > 2 {
            let flags = fcntl(descriptor, F_GETFD)
            if flags >= 0 { _ = fcntl(descriptor, F_SETFD, flags | FD_CLOEXEC) }
        }
    }
}

/// Decides whether a background flush is worth starting, and starts it.
struct BackgroundDeliveryDecision {
    let launcher: BackgroundDeliveryLauncher
    let clock: WallClock

    func run(options: HookRunOptions, breakerState: KeyValueCache?) -> BackgroundDeliveryOutcome {
        let configuration = options.configuration
        guard configuration.hooks.backgroundDelivery else { return .disabled }
        let urls = SinkRegistry.configured(configuration).map(\.url)
        guard !urls.isEmpty else { return .noSinkConfigured }
        if let breakerState {
            let breaker = CircuitBreaker(
                cache: breakerState, threshold: configuration.delivery.breakerFailureThreshold,
                recoveryTimeout: configuration.delivery.breakerRecoveryTimeout.seconds)
            let endpoints = urls.map(SinkRegistry.endpoint(of:))
            let open = endpoints.filter {
                if case .open = breaker.decision(for: $0, now: clock.now()) { return true }
                return false
            }
            if open.count == endpoints.count { return .breakerOpen(endpoints: open) }
        }
        do {
            return .started(pid: try launcher.launch(environment: options.environment, statePaths: options.statePaths))
        } catch {
            return .failed(reason: "\(error)")
        }
    }
}
