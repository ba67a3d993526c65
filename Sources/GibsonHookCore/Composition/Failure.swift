/// How a core error is shown to people: one message and one documented exit code (`HookExitCode`). This
/// mapping is the only one: the CLI prints `gibson-hook: error: <message>` once and exits with `exitCode`.
public struct Failure: Sendable, Equatable {
    /// What went wrong, lower case, quoting the value and saying what to do (the error's description).
    public var message: String
    /// The documented exit status for this kind of error.
    public var exitCode: HookExitCode

    /// The presentation of `error`; errors of no known kind are internal errors (exit 70).
    public init(_ error: any Error) {
        message = "\(error)"
        exitCode = Self.exitCode(of: error)
    }

    /// The exit code of each core error type, in one place.
    static func exitCode(of error: any Error) -> HookExitCode {
        switch error {
        case is ConfigError, is UsageError, is EventInputError, is EventTriggerError: return .usage
        case OutboxError.invalidState, OutboxError.ambiguousEvent, MetricsError.badListenAddress: return .usage
        case ListenError.noSource, ListenError.badAddress, ListenError.tokenUnset: return .usage
        case is MetricsError, is StateBackupError, is ServiceError, is ListenError: return .failure
        case is OutboxError, is WorkflowError: return .failure
        case GitError.notARepository: return .notARepository
        case let topics as TopicsError:
            switch topics {
            case .notConfigured, .invalidProperty: return .usage
            case .unreachable: return .unreachable
            case .refused: return .failure
            case .library: return .internalError
            }
        case let install as HookInstallError:
            switch install {
            case .unknownHooks: return .usage
            case .notARepository: return .notARepository
            case .backupExists: return .failure
            case .gitFailed, .fileSystem: return .internalError
            }
        default: return .internalError
        }
    }
}
