#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Path arithmetic on plain strings, the way git treats paths from the environment and configuration.
enum PathText {
    /// `path` made absolute against `base` (unless it already is), with `.`/`..` and duplicate slashes
    /// removed and symbolic links resolved when the path exists (git stores real paths too).
    static func absolute(_ path: String, relativeTo base: String) -> String {
        let joined = path.hasPrefix("/") ? path : base + "/" + path
        return resolved(normalised(joined))
    }

    /// `path` with `.`, `..`, empty components and any trailing slash removed. Expects an absolute path.
    static func normalised(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { _ = parts.popLast(); continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// The real path of `path` when it exists, otherwise `path` unchanged.
    static func resolved(_ path: String) -> String {
        guard let real = realpath(path, nil) else { return path }
        defer { free(real) }
        return String(cString: real)
    }

    /// `~` and `~/...` expanded with `home`, as git expands configuration paths; other text unchanged.
    static func expandingTilde(_ path: String, home: String?) -> String {
        guard let home, path == "~" || path.hasPrefix("~/") else { return path }
        return home + path.dropFirst()
    }
}
