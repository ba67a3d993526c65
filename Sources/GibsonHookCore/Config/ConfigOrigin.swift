/// Where one configuration value came from, as `gibson-hook config` shows it.
public enum ConfigOrigin: Sendable, Equatable, CustomStringConvertible {
    /// The built-in default.
    case defaultValue
    /// A YAML file, at the value's line and column (both 1-based).
    case file(path: String, line: Int, column: Int)
    /// An environment variable, by name.
    case environment(String)
    /// A command-line flag, as `--set key` (the value is left out: it may be a secret).
    case flag(String)

    /// `default`, `path:line:column`, `env NAME` or `flag --set key`.
    public var description: String {
        switch self {
        case .defaultValue: return "default"
        case .file(let path, let line, let column): return "\(path):\(line):\(column)"
        case .environment(let name): return "env \(name)"
        case .flag(let text): return "flag \(text)"
        }
    }

    /// The file path, when the value came from a file.
    public var path: String? {
        if case .file(let path, _, _) = self { return path }
        return nil
    }

    /// The 1-based line, when the value came from a file.
    public var line: Int? {
        if case .file(_, let line, _) = self { return line }
        return nil
    }

    /// The 1-based column, when the value came from a file.
    public var column: Int? {
        if case .file(_, _, let column) = self { return column }
        return nil
    }
}
