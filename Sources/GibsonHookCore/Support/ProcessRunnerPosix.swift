#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real `ProcessRunner`: `posix_spawn` in a new process group, pipes for all three streams, bounded
/// capture, and a timeout that ends the whole group (SIGTERM, a short grace, then SIGKILL), so a hung
/// child and everything it started are gone when `run` returns.
public final class PosixProcessRunner: ProcessRunner {
    /// Creates the runner. Ignores SIGPIPE in this process so writing to a child that died is an error
    /// return rather than the death of gibson-hook.
    public init() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// Runs `request`; see `ProcessRunner.run`.
    public func run(_ request: ProcessRequest) throws -> ProcessResult {
        let env = request.keepGitLocalVariables ? request.environment : request.environment.removingGitLocalVariables()
        guard let path = ExecutableLocator.resolve(request.executable, path: env["PATH"]) else {
            throw ProcessRunnerError.executableNotFound(request.executable)
        }
        let input = try Pipe(), output = try Pipe(), error = try Pipe()
        let configuration = SpawnConfiguration(
            executable: path, arguments: request.arguments, environment: env.values,
            flags: Int32(POSIX_SPAWN_SETPGROUP))
        configuration.duplicate(input.read, to: 0)
        configuration.duplicate(output.write, to: 1)
        configuration.duplicate(error.write, to: 2)
        for descriptor in [input.read, input.write, output.read, output.write, error.read, error.write] {
            configuration.close(descriptor)
        }
        let started = monotonicSeconds()
        let pid = try configuration.spawn(path)
        input.closeRead()
        output.closeWrite()
        error.closeWrite()
        var session = ChildSession(pid: pid, request: request, input: input, output: output, error: error)
        let termination = session.pump(deadline: started + request.timeout)
        return ProcessResult(
            termination: termination, standardOutput: session.stdout, standardError: session.stderr,
            timedOut: session.timedOut, stoppedEarly: session.stoppedEarly, elapsed: monotonicSeconds() - started)
    }
}

/// A pipe whose two descriptors are closed exactly once, at the latest in `deinit`.
final class Pipe {
    private(set) var read: Int32
    private(set) var write: Int32

    init() throws {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw ProcessRunnerError.ioFailed("create a pipe", errno) }
        read = fds[0]
        write = fds[1]
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    }

    func closeRead() { if read >= 0 { Glibc.close(read); read = -1 } }
    func closeWrite() { if write >= 0 { Glibc.close(write); write = -1 } }

    deinit {
        closeRead()
        closeWrite()
    }
}
