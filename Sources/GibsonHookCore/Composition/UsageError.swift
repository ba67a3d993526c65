/// A bad flag value found after parsing: a duration that does not parse, a missing `--type`, unreadable
/// `--data`. Presented as `gibson-hook: error: <description>`, exit 2 (`HookExitCode.usage`).
public struct UsageError: Error, Equatable, CustomStringConvertible {
    /// What is wrong and what to do, lower case, quoting the value.
    public let description: String

    /// Creates the error.
    public init(_ description: String) { self.description = description }

    /// A `--deadline` value as seconds, or `fallback` when none was given.
    static func deadline(_ text: String?, fallback: DurationValue) throws -> Double {
        guard let text else { return fallback.seconds }
        guard let seconds = DeadlineFlag.seconds(text) else { throw UsageError(DeadlineFlag.problem(text)) }
        return seconds
    }
}
