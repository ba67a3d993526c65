#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A long-running child the caller polls instead of waiting for (the supervised Gibson process).
public protocol SupervisedChild: AnyObject {
    /// The child's process id.
    var pid: Int32 { get }
    /// How it ended, once it has (reaped without blocking); nil while it runs.
    func poll() -> ProcessTermination?
    /// SIGTERM to its process group, up to `grace` seconds for the group to end, then SIGKILL to the group;
    /// returns how the child itself ended.
    func stop(grace: Double) -> ProcessTermination
}

/// Starts supervised children; tests pass their own.
public protocol ChildLauncher {
    /// Starts `argv` (no shell) with `environment`, stdin from /dev/null and stdout and stderr appended to
    /// `logFile`.
    func launch(_ argv: [String], environment: ProcessEnvironment, logFile: String) throws -> any SupervisedChild
}

/// `posix_spawn` children, each the leader of its own process group (POSIX_SPAWN_SETPGROUP), so stopping
/// one reaches whatever it started (a wrapper script's server) and not the watch.
public struct PosixChildLauncher: ChildLauncher {
    public init() {}

    public func launch(_ argv: [String], environment: ProcessEnvironment, logFile: String) throws -> any SupervisedChild {
        guard let executable = argv.first else { throw ProcessRunnerError.executableNotFound("") }
        let env = environment.removingGitLocalVariables()
        guard let path = ExecutableLocator.resolve(executable, path: env["PATH"]) else {
            throw ProcessRunnerError.executableNotFound(executable)
        }
        // The child lives as long as the watch: it must not hold what the watch inherited (a caller's pipe
        // would never see end-of-file) or opened itself. The watch's own children get their pipes by dup2,
        // which clears the flag, so marking everything close-on-exec costs the watch nothing.
        DetachedFlushLauncher.markDescriptorsCloseOnExec()
        let configuration = SpawnConfiguration(
            executable: path, arguments: Array(argv.dropFirst()), environment: env.values, flags: Int32(POSIX_SPAWN_SETPGROUP))
        configuration.open("/dev/null", as: 0, flags: O_RDONLY)
        configuration.open(logFile, as: 1, flags: O_WRONLY | O_CREAT | O_APPEND, mode: 0o600)
        configuration.duplicate(1, to: 2)
        return PosixChild(pid: try configuration.spawn(path))
    }
}

/// One spawned child, reaped exactly once.
final class PosixChild: SupervisedChild {
    let pid: Int32
    private var ended: ProcessTermination?

    init(pid: Int32) { self.pid = pid }

    func poll() -> ProcessTermination? {
        if let ended { return ended }
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == -1 && errno == EINTR { continue }
            guard result == pid else { return nil }
            ended = Self.decode(status)
            return ended
        }
    }

    func stop(grace: Double) -> ProcessTermination {
        // The child leads its own group (the launcher spawns it so): the group's id is its pid, and no new
        // process takes that id while any member of the group is alive, so signalling the group is safe
        // even after the leader itself has been reaped.
        let group = -pid
        kill(group, SIGTERM)
        let end = monotonicSeconds() + grace
        while monotonicSeconds() < end {
            // Done once the leader is reaped and no member of its group is left.
            if poll() != nil, kill(group, 0) != 0 { break }
            usleep(10_000)
        }
        kill(group, SIGKILL)
        if let ended { return ended }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        ended = Self.decode(status)
        return ended ?? .signalled(SIGKILL)
    }

    private static func decode(_ status: Int32) -> ProcessTermination {
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
    }
}
