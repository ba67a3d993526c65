import Foundation

/// Files only their owner may read: state, outbox and cache files, and the state directory.
public enum PrivateFiles {
    /// Removes group and other permissions from `path` when it exists and has any (`mode` is the most it
    /// keeps, e.g. 0600 or 0700). Failures are ignored: the file may belong to someone else.
    public static func restrict(_ path: String, to mode: mode_t) {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & 0o7777 & ~mode != 0 else { return }
        _ = chmod(path, info.st_mode & mode)
    }

    /// Writes `data` to `path` atomically (a temporary file renamed over it) with mode 0600.
    public static func write(_ data: Data, to path: String) throws {
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteNoPermission) }
        let written = data.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        guard written == data.count, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw CocoaError(.fileWriteOutOfSpace)
        }
    }
}
