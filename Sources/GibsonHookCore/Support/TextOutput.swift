/// Somewhere the CLI writes text: standard output, standard error, or a buffer in tests.
///
/// The core never prints; use-cases that report progress take one of these.
public protocol TextOutput: AnyObject {
    /// Writes `text` as is (no newline is added).
    func write(_ text: String)
}

/// A `TextOutput` that keeps everything in memory, for tests.
public final class BufferedTextOutput: TextOutput {
    /// Everything written so far.
    public private(set) var text = ""

    /// Creates an empty buffer.
    public init() {}

    /// Appends `text` to the buffer.
    public func write(_ text: String) { self.text += text }
}
