#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `posix_spawn` plumbing shared by `PosixProcessRunner` and `DetachedProcess`: owns the attribute and
/// file-action objects and the C strings of argv and envp, freeing them in `deinit`.
final class SpawnConfiguration {
    private var attributes = posix_spawnattr_t()
    private var actions = posix_spawn_file_actions_t()
    private var argv: [UnsafeMutablePointer<CChar>?]
    private var envp: [UnsafeMutablePointer<CChar>?]

    /// Prepares a spawn of `executable` with `arguments` and `environment`; `flags` are POSIX_SPAWN_* bits.
    init(executable: String, arguments: [String], environment: [String: String], flags: Int32) {
        argv = ([executable] + arguments).map { strdup($0) } + [nil]
        envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        posix_spawnattr_init(&attributes)
        posix_spawn_file_actions_init(&actions)
        // Children start with default signal handling and an empty mask, whatever the parent ignores.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(flags | Int32(POSIX_SPAWN_SETSIGDEF) | Int32(POSIX_SPAWN_SETSIGMASK)))
    }

    deinit {
        posix_spawnattr_destroy(&attributes)
        posix_spawn_file_actions_destroy(&actions)
        for pointer in argv { free(pointer) }
        for pointer in envp { free(pointer) }
    }

    /// Makes `source` the child's descriptor `target`.
    func duplicate(_ source: Int32, to target: Int32) {
        posix_spawn_file_actions_adddup2(&actions, source, target)
    }

    /// Closes `descriptor` in the child.
    func close(_ descriptor: Int32) {
        posix_spawn_file_actions_addclose(&actions, descriptor)
    }

    /// Opens `path` as the child's descriptor `target`.
    func open(_ path: String, as target: Int32, flags: Int32, mode: mode_t = 0o644) {
        posix_spawn_file_actions_addopen(&actions, target, path, flags, mode)
    }

    /// Spawns the child; returns its pid or throws with the errno.
    func spawn(_ executable: String) throws -> pid_t {
        var pid: pid_t = 0
        let code = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard code == 0 else { throw ProcessRunnerError.spawnFailed(executable, code) }
        return pid
    }
}

/// A monotonic clock reading in seconds, for timeouts that must not jump with the wall clock.
func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

/// Starts a process that outlives the caller: its own session (POSIX_SPAWN_SETSID), stdin from /dev/null,
/// stdout and stderr appended to a log file, never waited for. Used for background event delivery so
/// `git commit` returns at once.
public enum DetachedProcess {
    /// Spawns `executable arguments...` detached; returns its pid. Git's local variables are removed from
    /// `environment`. The log file's directory must exist. The child starts in the caller's working directory.
    @discardableResult
    public static func spawn(
        executable: String, arguments: [String], environment: ProcessEnvironment, logFile: String,
        workingDirectory: String? = nil
    ) throws -> Int32 {
        let env = environment.removingGitLocalVariables()
        guard let path = ExecutableLocator.resolve(executable, path: env["PATH"]) else {
            throw ProcessRunnerError.executableNotFound(executable)
        }
        // POSIX_SPAWN_SETSID is 0x80 in glibc; it replaces SETPGROUP (a session leader leads its group).
        let configuration = SpawnConfiguration(
            executable: path, arguments: arguments, environment: env.values, flags: 0x80)
        configuration.open("/dev/null", as: 0, flags: O_RDONLY)
        configuration.open(logFile, as: 1, flags: O_WRONLY | O_CREAT | O_APPEND, mode: 0o600)
        configuration.duplicate(1, to: 2)
        return try configuration.spawn(path)
    }
}
