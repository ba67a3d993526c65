#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GibsonHookCore

/// The process's standard output or error as a `TextOutput`, unbuffered so hook output interleaves
/// correctly with git's.
final class StandardStream: TextOutput, Sendable {
    /// Standard output.
    static let output = StandardStream(descriptor: 1)
    /// Standard error (diagnostics).
    static let error = StandardStream(descriptor: 2)

    let descriptor: Int32

    private init(descriptor: Int32) { self.descriptor = descriptor }

    func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                #if canImport(Glibc)
                Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                #else
                Darwin.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                #endif
            }
            if written <= 0 { return }
            offset += written
        }
    }

    /// Whether this stream is a terminal.
    var isTerminal: Bool { isatty(descriptor) == 1 }
}
