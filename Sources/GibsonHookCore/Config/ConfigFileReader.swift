import Foundation

/// Reads one configuration file, never more than `ConfigLimits.maxFileBytes` of it (a symbolic link to
/// `/dev/zero` is one commit away), and never waits on a pipe.
enum ConfigFileReader {
    /// What reading a file gave.
    enum Outcome {
        /// No file at the path (nothing to apply; an error only for an explicit file).
        case missing
        /// The file's bytes, at most the limit.
        case contents(Data)
        /// Why the file cannot be used.
        case problem(ConfigDiagnostic)
    }

    /// Reads `path`, following symbolic links. A directory or an unreadable file is a problem; a pipe or a
    /// socket is refused without opening it for long; a file over the limit is a problem at the line and
    /// column where the limit falls.
    static func contents(of path: String, limits: ConfigLimits) -> Outcome {
        let start = ConfigOrigin.file(path: path, line: 1, column: 1)
        let unreadable = ConfigDiagnostic(
            .error, "cannot read configuration file '\(path)': make it a readable file (chmod u+r)", origin: start)
        // Non-blocking, so that opening a FIFO does not wait for a writer.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return errno == ENOENT || errno == ENOTDIR ? .missing : .problem(unreadable) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .problem(unreadable) }
        switch status.st_mode & S_IFMT {
        case S_IFREG, S_IFCHR:
            break
        case S_IFDIR:
            return .problem(unreadable)
        default:
            return .problem(ConfigDiagnostic(
                .error, "configuration file '\(path)' is not a regular file (a pipe or a socket): make it a file",
                origin: start))
        }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while data.count <= limits.maxFileBytes {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                return .problem(unreadable)
            }
            data.append(contentsOf: buffer[..<count])
        }
        guard data.count <= limits.maxFileBytes else {
            let (line, column) = ConfigTextCheck.position(ofByte: limits.maxFileBytes, in: data)
            return .problem(ConfigDiagnostic(
                .error, ConfigLimitViolation(kind: .fileSize, line: line, column: column).message(path: path, limits: limits),
                origin: .file(path: path, line: line, column: column)))
        }
        return .contents(data)
    }
}
