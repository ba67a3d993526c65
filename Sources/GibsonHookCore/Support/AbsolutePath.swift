/// Absolute paths standardised as `URL(fileURLWithPath:).standardizedFileURL.path` does (`.`, `..` and
/// repeated slashes removed, symbolic links kept), with string work only: Foundation's URL costs a visible
/// share of a hook process, which standardises its own path and walks up to the repository root.
enum AbsolutePath {
    /// The components of the absolute `path` without `.`, `..` and empty ones.
    static func components(_ path: String) -> [Substring] {
        var components: [Substring] = []
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..": if !components.isEmpty { components.removeLast() }
            default: components.append(component)
            }
        }
        return components
    }

    /// The absolute `path` standardised (`/` for the root).
    static func standardized(_ path: String) -> String {
        "/" + components(path).joined(separator: "/")
    }
}
