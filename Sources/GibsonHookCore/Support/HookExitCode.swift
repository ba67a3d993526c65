/// Every exit status gibson-hook returns, in one place (documented in the man page's EXIT STATUS).
public enum HookExitCode: Int32, Sendable, CaseIterable {
    /// Success: the check passed, the event was stored, the hook may let git continue.
    case success = 0
    /// The check failed: Gibson is unhealthy, the platform is not ready, or problems were found.
    case failure = 1
    /// Bad usage or bad input: unknown flag, malformed event, invalid configuration.
    case usage = 2
    /// Work remains: events still pending after a flush or emit --wait deadline, or (flush) dead letters
    /// not yet retried or purged.
    case pending = 3
    /// Not inside a git repository where one is required.
    case notARepository = 4
    /// A server the command needs did not answer: `topics check` and `topics apply` could not reach the
    /// Kafka cluster or the REST proxy, so nothing was compared.
    case unreachable = 5
    /// An internal error: database, library or file system failure. A full file system is one too: nothing
    /// was checked and found wrong (that is `failure`) and nothing the user gave was bad (`usage`); the
    /// message says to free space and retry, and events already stored are kept.
    case internalError = 70
}
