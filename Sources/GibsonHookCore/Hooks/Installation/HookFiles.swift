import Foundation

/// File operations on one hooks directory, shared by install, uninstall and status. Hooks are moved with
/// `rename(2)`, so a chained hook keeps its bytes, mode and (for a symlink) its target exactly.
struct HookFiles {
    let directory: String

    func path(_ hook: HookName) -> String { directory + "/" + hook.rawValue }
    func chainedPath(_ hook: HookName) -> String { path(hook) + ShimTemplate.chainedSuffix }

    /// Whether anything (file, directory, even a dangling symlink) is at `path`.
    func exists(_ path: String) -> Bool {
        (try? FileManager.default.attributesOfItem(atPath: path)) != nil
    }

    /// The text of `path`, or nil when it cannot be read as a file.
    func contents(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Whether `path` holds a shim of any gibson-hook version.
    func isShim(_ path: String) -> Bool {
        contents(path).map(ShimTemplate.isShim) ?? false
    }

    /// Whether git would run `path` (it skips hooks that are not executable).
    func isExecutable(_ path: String) -> Bool {
        FileManager.default.isExecutableFile(atPath: path)
    }

    /// Writes `text` to `path` atomically with mode 0755.
    func writeShim(_ text: String, to path: String) throws(HookInstallError) {
        let temporary = path + ".gibson-hook-tmp"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: temporary)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw .fileSystem(path: path, reason: error.localizedDescription)
        }
        try move(temporary, to: path)
    }

    /// Renames `source` to `destination`, replacing nothing but a file at `destination` (rename semantics).
    func move(_ source: String, to destination: String) throws(HookInstallError) {
        guard rename(source, destination) == 0 else {
            throw .fileSystem(path: destination, reason: String(cString: strerror(errno)))
        }
    }

    /// Removes `path`.
    func remove(_ path: String) throws(HookInstallError) {
        guard unlink(path) == 0 else { throw .fileSystem(path: path, reason: String(cString: strerror(errno))) }
    }

    /// The first `<path>.<n>` that does not exist.
    func freeNumberedPath(_ path: String) -> String {
        var number = 1
        while exists("\(path).\(number)") { number += 1 }
        return "\(path).\(number)"
    }
}
