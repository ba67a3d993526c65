/// Somewhere the CLI writes text: standard output, standard error, or a buffer in tests.
///
/// The core never prints; use-cases that report progress take one of these.
public protocol TextOutput: AnyObject {
    /// Writes `text` as is (no newline is added).
    func write(_ text: String)
}
