import Foundation

/// Walks and copies a directory tree: directories, regular files (bytes and mode) and symbolic links
/// (their target, never followed). Other kinds (sockets, fifos) are left out.
enum StateTree {
    /// Copies `source` into the existing directory `target`; returns what was copied, with checksums.
    static func copy(from source: String, to target: String) throws -> [StateBackup.Entry] {
        let entries = try entries(of: source)
        for entry in entries where entry.path != "." {
            let from = source + "/" + entry.path
            let to = target + "/" + entry.path
            switch entry.kind {
            case "dir":
                guard mkdir(to, 0o700) == 0 || errno == EEXIST else { throw failure(to) }
            case "link":
                let destination = try FileManager.default.destinationOfSymbolicLink(atPath: from)
                guard symlink(destination, to) == 0 else { throw failure(to) }
                continue
            default:
                guard let data = FileManager.default.contents(atPath: from) else { throw failure(from) }
                guard FileManager.default.createFile(atPath: to, contents: data) else { throw failure(to) }
            }
            _ = chmod(to, mode_t(entry.mode))
        }
        for entry in entries where entry.kind == "dir" { _ = chmod(target + "/" + entry.path, mode_t(entry.mode)) }
        return entries
    }

    /// Every entry under `root` ("." for the root itself), sorted by path.
    static func entries(of root: String) throws -> [StateBackup.Entry] {
        var result: [StateBackup.Entry] = []
        func walk(_ relative: String) throws {
            let path = relative == "." ? root : root + "/" + relative
            var info = stat()
            guard lstat(path, &info) == 0 else { throw failure(path) }
            let mode = Int(info.st_mode & 0o7777)
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                result.append(.init(path: relative, kind: "dir", mode: mode, size: 0, sha256: ""))
                for name in try FileManager.default.contentsOfDirectory(atPath: path).sorted() {
                    try walk(relative == "." ? name : relative + "/" + name)
                }
            case S_IFLNK:
                let target = try FileManager.default.destinationOfSymbolicLink(atPath: path)
                result.append(.init(path: relative, kind: "link", mode: 0o777, size: 0, sha256: SHA256.hex(Data(target.utf8))))
            case S_IFREG:
                guard let data = FileManager.default.contents(atPath: path) else { throw failure(path) }
                result.append(.init(path: relative, kind: "file", mode: mode, size: data.count, sha256: SHA256.hex(data)))
            default:
                break
            }
        }
        try walk(".")
        return result.sorted { $0.path < $1.path }
    }

    private static func failure(_ path: String) -> StateBackupError {
        .fileSystem(path: path, reason: String(cString: strerror(errno)))
    }
}
