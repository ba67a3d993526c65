/// `always` restarts after any stop, `on-failure` only after a failed health check or (the supervised process)
/// a non-zero exit, `never` does not restart.
public enum RestartPolicy: String, Sendable, Equatable, CaseIterable {
    case always
    case onFailure = "on-failure"
    case never
}

/// What the pre-commit gate does when the cached healthy result has expired: `background` passes at once
/// and re-checks Gibson in a detached process; `blocking` probes before the commit goes on.
public enum RevalidateMode: String, Sendable, Equatable, CaseIterable {
    case background
    case blocking
}

/// The Gibson CLI being kept healthy.
public struct GibsonTarget: Sendable, Equatable {
    /// Executable name or path; `GIBSON_HOOK_GIBSON` overrides, else PATH lookup of `gibson`.
    public var command = "gibson"
    /// Start Gibson when infrastructure becomes ready (`infra-ready`).
    public var autoStart = true
    /// What to do when Gibson is found broken.
    public var restartPolicy = RestartPolicy.onFailure
    /// Restart attempts before recovery gives up.
    public var maxRetries = 3
    /// How often `health --watch` (a service unit, a CI job) probes and recovers.
    public var healthCheckInterval = DurationValue.seconds(60)
    /// How long a healthy result is trusted by the pre-commit gate.
    public var cacheTTL = DurationValue.minutes(5)
    /// When the cached healthy result has expired: re-check in the background (pass at once) or block.
    public var revalidate = RevalidateMode.background
    /// Default timeout of one probe. gibson-cli 0.8.12 needs 2.4-3.5 s for any command on a quiet machine and
    /// more than 10 s under load; 30 s fits that and still leaves the gate (45 s) room for its verdict.
    public var timeout = DurationValue.seconds(30)
    /// The probes that together decide health. The default, `gibson help`, starts the real gibson-cli
    /// (its configuration and every command module) and exits 0 without touching the network. Not
    /// `--help` (exits 1 in gibson-cli 0.8.12) and not `--version` (asks PyPI with no timeout, so a
    /// network that hangs hangs the probe).
    public var probes: [ProbeSpec] = [
        ProbeSpec(name: "help", kind: .command, argv: ["help"], exitCodes: [0]),
    ]
    /// How recovery restarts Gibson.
    public var recovery = RecoverySettings()
    /// An optional long-running Gibson process that `health --watch` supervises (see `SupervisedProcessSettings`).
    public var process = SupervisedProcessSettings()
    /// Gibson's own state directory, backed up before a restart.
    public var stateDirectory = "~/.gibsonai"
    /// How many backups of `stateDirectory` are kept.
    public var backups = BackupSettings()
    /// Environment variable that holds the Gibson API key (checked by activation).
    public var apiKeyEnv = "GIBSONAI_API_KEY"

    public init() {}
}

/// One health probe.
public struct ProbeSpec: Sendable, Equatable {
    /// The kinds of probe.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// Run a command (argv, no shell); healthy when its exit code is accepted.
        case command
        /// Spawn an MCP server over stdio and complete `initialize` and `tools/list`.
        case mcp
        /// Open a TCP connection.
        case tcp
        /// HTTP GET with an expected status.
        case http
    }

    /// Name shown in reports.
    public var name: String
    /// What kind of probe.
    public var kind: Kind
    /// For `command` and `mcp`: the arguments after the executable. When `executable` is nil the Gibson
    /// command is used.
    public var argv: [String] = []
    /// Optional executable for `command`/`mcp` probes; nil means the target's executable.
    public var executable: String? = nil
    /// Accepted exit codes (`command`).
    public var exitCodes: [Int32] = [0]
    /// Text the output must contain (`command`), if any.
    public var expectOutput: String? = nil
    /// Host and port (`tcp`).
    public var host: String? = nil
    public var port: Int? = nil
    /// URL and expected status (`http`).
    public var url: String? = nil
    public var expectStatus: Int = 200
    /// Timeout; nil means the target's default.
    public var timeout: DurationValue? = nil

    public init(
        name: String, kind: Kind, argv: [String] = [], executable: String? = nil, exitCodes: [Int32] = [0],
        expectOutput: String? = nil, host: String? = nil, port: Int? = nil, url: String? = nil,
        expectStatus: Int = 200, timeout: DurationValue? = nil
    ) {
        self.name = name
        self.kind = kind
        self.argv = argv
        self.executable = executable
        self.exitCodes = exitCodes
        self.expectOutput = expectOutput
        self.host = host
        self.port = port
        self.url = url
        self.expectStatus = expectStatus
        self.timeout = timeout
    }
}

/// How the local fallback of gibson-recovery-workflow restarts Gibson.
public struct RecoverySettings: Sendable, Equatable {
    /// argv that restarts Gibson (for example a service manager call); nil means re-probe only.
    public var restartCommand: [String]? = nil
    /// argv that reinstalls Gibson when restarts do not help (for example `pip install gibson-cli==0.8.12`).
    public var reinstallCommand: [String]? = nil
    /// First delay between restart attempts; doubles each attempt.
    public var backoff = DurationValue.seconds(1)
    /// How long the pre-commit gate waits for recovery (the design document's 30 s recovery target).
    public var wait = DurationValue.seconds(30)
    /// Back up `stateDirectory` before restarting and restore it if verification shows it was lost.
    public var backupState = true

    public init() {}
}
