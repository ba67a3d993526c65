/// One child process to run: argv without a shell, its environment, input, timeout and output bound.
/// The child starts in the caller's working directory.
public struct ProcessRequest: Sendable {
    /// Absolute path, or a name looked up on the request environment's `PATH`.
    public var executable: String
    /// Arguments after the executable (argv[1...]).
    public var arguments: [String]
    /// The child's environment. Git's per-repository variables are removed unless `keepGitLocalVariables`.
    public var environment: ProcessEnvironment
    /// Pass `GIT_DIR`, `GIT_INDEX_FILE` and the other local variables through (only for git itself).
    public var keepGitLocalVariables = false
    /// Bytes written to the child's standard input.
    public var standardInput: [UInt8] = []
    /// Close standard input once `standardInput` is written. Servers that exit on EOF need this; a server
    /// that must stay up until `stopWhen` says so (an MCP server) does not care.
    public var closeStandardInput = true
    /// Seconds before the whole process group is terminated.
    public var timeout: Double
    /// Bytes kept of each of stdout and stderr; the rest is read and dropped.
    public var outputLimit = 1 << 20
    /// Seconds between SIGTERM and SIGKILL when the group is ended.
    public var killGrace = 0.5
    /// Called with the stdout captured so far; when it answers true the group is ended and the run counts as
    /// finished (`ProcessResult.stoppedEarly`). Used by conversations with servers that never exit.
    public var stopWhen: (@Sendable ([UInt8]) -> Bool)?

    /// Creates a request.
    public init(
        executable: String, arguments: [String] = [], environment: ProcessEnvironment, timeout: Double,
        standardInput: [UInt8] = []
    ) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.timeout = timeout
        self.standardInput = standardInput
    }
}

/// How a child process ended.
public enum ProcessTermination: Sendable, Equatable {
    /// It exited with this status.
    case exited(Int32)
    /// A signal ended it.
    case signalled(Int32)
}

/// What a finished child produced.
public struct ProcessResult: Sendable, Equatable {
    /// How the child ended.
    public var termination: ProcessTermination
    /// Captured standard output (at most `outputLimit` bytes).
    public var standardOutput: [UInt8]
    /// Captured standard error (at most `outputLimit` bytes).
    public var standardError: [UInt8]
    /// The timeout ended the process group.
    public var timedOut: Bool
    /// `stopWhen` ended the process group.
    public var stoppedEarly: Bool
    /// Seconds from spawn to reaping.
    public var elapsed: Double

    /// Creates a result (fakes in tests build these directly).
    public init(
        termination: ProcessTermination, standardOutput: [UInt8] = [], standardError: [UInt8] = [],
        timedOut: Bool = false, stoppedEarly: Bool = false, elapsed: Double = 0
    ) {
        self.termination = termination
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.timedOut = timedOut
        self.stoppedEarly = stoppedEarly
        self.elapsed = elapsed
    }

    /// The exit status, or nil when a signal ended the child.
    public var exitStatus: Int32? {
        if case .exited(let status) = termination { return status }
        return nil
    }

    /// Standard output as text (invalid UTF-8 repaired).
    public var outputText: String { String(decoding: standardOutput, as: UTF8.self) }
    /// Standard error as text.
    public var errorText: String { String(decoding: standardError, as: UTF8.self) }
}

/// Why a child could not be run.
public enum ProcessRunnerError: Error, Equatable, CustomStringConvertible {
    /// The executable does not exist or is not executable.
    case executableNotFound(String)
    /// `posix_spawn` failed with this errno.
    case spawnFailed(String, Int32)
    /// A pipe or file could not be opened (errno).
    case ioFailed(String, Int32)

    public var description: String {
        switch self {
        case .executableNotFound(let name):
            return "executable '\(name)' not found: install it or set its path in the configuration"
        case .spawnFailed(let name, let code): return "could not start '\(name)' (errno \(code))"
        case .ioFailed(let what, let code): return "could not \(what) (errno \(code))"
        }
    }
}

/// Runs child processes. The real one spawns them; tests pass a fake.
public protocol ProcessRunner: AnyObject, Sendable {
    /// Runs `request` to completion, timeout or `stopWhen`; throws only when the child could not start.
    func run(_ request: ProcessRequest) throws -> ProcessResult
}

/// Finds executables the way a shell does, but against an explicit `PATH`.
public enum ExecutableLocator {
    /// `name` itself when it contains `/`, else the first executable `dir/name` on `path`; nil when none.
    public static func resolve(_ name: String, path: String?) -> String? {
        if name.contains("/") { return isExecutable(name) ? name : nil }
        for directory in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = String(directory) + "/" + name
            if isExecutable(candidate) { return candidate }
        }
        return nil
    }

    /// True for a regular file the caller may execute.
    public static func isExecutable(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return false }
        return access(path, X_OK) == 0
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
