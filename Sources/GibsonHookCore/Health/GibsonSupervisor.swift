import Foundation

/// Keeps the supervised Gibson process (`gibson.process.command`) running for `health --watch`:
///
/// - the watch starts it first when `gibson.autoStart` is set (otherwise it supervises nothing), as the
///   leader of its own process group;
/// - for `gibson.process.startTimeout` after each start, until its first healthy round, a round whose probes
///   fail neither recovers nor restarts it (the round reports `starting`); an exit is still an exit;
/// - between rounds it watches the process, so an exit is seen at once: `always` restarts after any exit,
///   `on-failure` after a non-zero exit or a signal, `never` not at all; what the process left running in
///   its process group is stopped;
/// - a round that ends unhealthy (its probes failed and recovery did not bring Gibson back) stops the running
///   process and starts it again, under `always` and `on-failure` (with no restart left it is left running);
/// - a start that fails (the executable is missing) counts as a failed run;
/// - at most `gibson.maxRetries` restarts in a row, the n-th after `gibson.recovery.backoff` × 2^(n-1); a
///   process that lives through a whole healthy round resets the count; when the count is spent the
///   supervisor gives up until a process lives through a healthy round again;
/// - a stop request (SIGTERM or SIGINT) cuts a backoff short, and no process is started after one;
/// - when the watch ends (its rounds are done, or SIGTERM or SIGINT asked it to stop) it stops the process
///   and its process group (SIGTERM, then SIGKILL to the group after `stopGrace`).
///
/// Each start and exit is a GibsonEvent: `activation`/`starting` at step `process-start`,
/// `deactivation`/`stopped` (exit 0) or `deactivation`/`error` at step `process-exit`, `error` at step
/// `process-give-up`; their metadata carries `pid`, `command`, `reason` and, for exits, `exitStatus` or
/// `signal` and whether it was `restarted`.
public final class GibsonSupervisor {
    let command: [String]
    let gibson: GibsonTarget
    let environment: ProcessEnvironment
    let logFile: String
    let launcher: any ChildLauncher
    let clock: any WallClock
    let emitter: GibsonEventEmitter
    /// How long a stopped process has between SIGTERM and SIGKILL.
    static let stopGrace = 5.0
    /// How often the watch looks at the process between rounds.
    static let pollInterval = 0.05

    private var child: (any SupervisedChild)?
    /// Whether the running process was already running when the current round began.
    private var survivedRoundStart = false
    /// Restarts since a process last lived through a healthy round.
    private(set) var restartsInARow = 0
    /// Every start, the first included.
    public private(set) var starts = 0
    /// True once `maxRetries` restarts in a row were spent, until a process lives through a healthy round.
    public private(set) var gaveUp = false
    /// When the running process started, while it is still in its start-up grace (nil once a round was
    /// healthy, or when nothing runs).
    private var startedAt: Date?

    /// A supervisor for `configuration`, or nil when no process is configured.
    public init?(
        configuration: Configuration, environment: ProcessEnvironment, statePaths: StatePaths, launcher: any ChildLauncher,
        clock: any WallClock, emitter: GibsonEventEmitter
    ) {
        guard let command = configuration.gibson.process.command, !command.isEmpty else { return nil }
        self.command = command
        gibson = configuration.gibson
        self.environment = environment
        logFile = statePaths.directory + "/gibson-process.log"
        self.launcher = launcher
        self.clock = clock
        self.emitter = emitter
    }

    /// The watch begins: starts the process when `autoStart` is set.
    public func begin() {
        guard gibson.autoStart else { return }
        start(reason: "autoStart")
    }

    /// Marks the start of a round (a process that then lives through a healthy round resets the count).
    func roundBegins() { survivedRoundStart = child != nil }

    /// Whether the running process is within `gibson.process.startTimeout` of its start and has not yet
    /// had a healthy round: failing probes then do not count against it.
    var isStarting: Bool {
        guard child != nil, let startedAt else { return false }
        return clock.now().timeIntervalSince(startedAt) < gibson.process.startTimeout.seconds
    }

    /// The round's verdict: a healthy round ends the start-up grace, and one the process lived through
    /// resets the restart count and the give-up; an unhealthy one (not `starting`) restarts a running
    /// process under `always` and `on-failure`.
    func roundEnded(healthy: Bool, starting: Bool = false) {
        if healthy {
            if child != nil { startedAt = nil }
            if survivedRoundStart, child != nil {
                restartsInARow = 0
                gaveUp = false
            }
            return
        }
        if starting { return }
        guard let running = child, gibson.restartPolicy != .never, !gaveUp else { return }
        // With no restart left, a process that still runs is left running rather than stopped for good.
        guard restartsInARow < gibson.maxRetries else { return restartOrGiveUp() }
        child = nil
        let ended = running.stop(grace: Self.stopGrace)
        recordExit(running.pid, ended, reason: "probes failed", wanted: true)
        restartOrGiveUp()
    }

    /// Waits `seconds` between rounds, watching the process and restarting it per policy when it exits.
    func wait(seconds: Double) {
        let end = clock.now().addingTimeInterval(max(0, seconds))
        repeat {
            reap()
            let left = end.timeIntervalSince(clock.now())
            if left <= 0 || StopRequest.requested { break }
            clock.sleep(seconds: min(Self.pollInterval, left))
        } while true
    }

    /// The watch ends: stops the process (or records the exit it already made).
    public func end() {
        reap(restarting: false)
        guard let running = child else { return }
        child = nil
        recordExit(running.pid, running.stop(grace: Self.stopGrace), reason: "watch stopped", wanted: false)
    }

    /// Records an exit the process made on its own and restarts it when the policy says so. What it left
    /// running in its process group (a wrapper script's server) is stopped first, so a restart does not
    /// find the old server still holding its port.
    private func reap(restarting: Bool = true) {
        guard let running = child, let ended = running.poll() else { return }
        child = nil
        _ = running.stop(grace: Self.stopGrace)
        let wanted = restarting && Self.restarts(after: ended, policy: gibson.restartPolicy)
        recordExit(running.pid, ended, reason: "exited", wanted: wanted)
        if wanted { restartOrGiveUp() }
    }

    /// Whether `policy` restarts a process that ended as `ended` on its own.
    static func restarts(after ended: ProcessTermination, policy: RestartPolicy) -> Bool {
        switch policy {
        case .always: return true
        case .never: return false
        case .onFailure: return ended != .exited(0)
        }
    }

    private func restartOrGiveUp() {
        guard !gaveUp else { return }
        guard restartsInARow < gibson.maxRetries else {
            gaveUp = true
            emitter.gibson(.error, status: .error, step: "process-give-up", metadata: [
                "ok": .bool(false), "command": argvJSON,
                "detail": .string("gave up after \(restartsInARow) restarts in a row (gibson.maxRetries is \(gibson.maxRetries))"),
            ])
            return
        }
        let delay = gibson.recovery.backoff.seconds * pow(2, Double(restartsInARow))
        restartsInARow += 1
        sleep(seconds: delay)
        start(reason: "restart")
    }

    /// Sleeps `seconds` in slices of `pollInterval`, returning early when a stop was requested.
    private func sleep(seconds: Double) {
        let end = clock.now().addingTimeInterval(max(0, seconds))
        while !StopRequest.requested {
            let left = end.timeIntervalSince(clock.now())
            if left <= 0 { return }
            clock.sleep(seconds: min(Self.pollInterval, left))
        }
    }

    private func start(reason: String) {
        // A watch asked to stop starts nothing more (it would only stop it again at once).
        guard !StopRequest.requested else { return }
        starts += 1
        let directory = (logFile as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        do {
            let started = try launcher.launch(command, environment: environment, logFile: logFile)
            child = started
            startedAt = clock.now()
            emitter.gibson(.activation, status: .starting, step: "process-start", metadata: [
                "ok": .bool(true), "pid": .integer(Int64(started.pid)), "command": argvJSON, "reason": .string(reason),
                "start": .integer(Int64(starts)), "detail": .string("started \(quoted) (pid \(started.pid), \(reason))"),
            ])
        } catch {
            emitter.gibson(.error, status: .error, step: "process-start", metadata: [
                "ok": .bool(false), "command": argvJSON, "reason": .string(reason), "start": .integer(Int64(starts)),
                "detail": .string("could not start \(quoted): \(error)"),
            ])
            // A start that failed is a failure under `always` and `on-failure`: tried again within the budget.
            if gibson.restartPolicy != .never { restartOrGiveUp() }
        }
    }

    /// Records one exit; `wanted` says whether the policy asks for a restart (the budget may still say no).
    private func recordExit(_ pid: Int32, _ ended: ProcessTermination, reason: String, wanted: Bool) {
        let restarted = wanted && !gaveUp && restartsInARow < gibson.maxRetries
        // Stopping with the watch is an orderly stop, whatever signal it took.
        let orderly = ended == .exited(0) || reason == "watch stopped"
        var metadata: [String: JSONValue] = [
            "ok": .bool(orderly), "pid": .integer(Int64(pid)), "command": argvJSON, "reason": .string(reason),
            "restarted": .bool(restarted),
        ]
        let how: String
        switch ended {
        case .exited(let status):
            metadata["exitStatus"] = .integer(Int64(status))
            how = "exited with status \(status)"
        case .signalled(let signal):
            metadata["signal"] = .integer(Int64(signal))
            how = "was ended by signal \(signal)"
        }
        let next = restarted ? "restarting"
            : reason == "watch stopped" ? "stopped with the watch"
            : wanted ? "not restarted (gibson.maxRetries \(gibson.maxRetries) spent)"
            : "not restarted (restartPolicy \(gibson.restartPolicy.rawValue))"
        metadata["detail"] = .string("\(quoted) (pid \(pid)) \(how) (\(reason)): \(next)")
        emitter.gibson(.deactivation, status: orderly ? .stopped : .error, step: "process-exit", metadata: metadata)
    }

    private var argvJSON: JSONValue { .array(command.map { .string($0) }) }
    private var quoted: String { "'" + command.joined(separator: " ") + "'" }
}
