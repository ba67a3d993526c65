/// One problem found in the configuration: where it is, what is wrong, and what to do.
public struct ConfigDiagnostic: Error, Sendable, Equatable, CustomStringConvertible {
    /// How serious a problem is.
    public enum Severity: String, Sendable, Equatable {
        /// The configuration cannot be used.
        case error
        /// The configuration works but something deserves attention (for example a readable secret).
        case warning
    }

    /// Error or warning.
    public var severity: Severity
    /// Lower-case message quoting the offending value.
    public var message: String
    /// Where the problem is; nil when it is not tied to a place.
    public var origin: ConfigOrigin?
    /// The dotted key concerned, when there is one.
    public var key: String?

    /// Creates a diagnostic.
    public init(_ severity: Severity, _ message: String, origin: ConfigOrigin? = nil, key: String? = nil) {
        self.severity = severity
        self.message = message
        self.origin = origin
        self.key = key
    }

    /// `path:line:column: error: message`, or `env NAME: error: message`, or `error: message`.
    public var description: String {
        switch origin {
        case nil, .defaultValue?: return "\(severity.rawValue): \(message)"
        case let origin?: return "\(origin): \(severity.rawValue): \(message)"
        }
    }

    /// The diagnostic as JSON: severity, message, key, origin, file, line, column (null when unknown).
    public var json: JSONValue {
        func optional(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
        func optional(_ value: Int?) -> JSONValue { value.map { .integer(Int64($0)) } ?? .null }
        return .object([
            "severity": .string(severity.rawValue), "message": .string(message), "key": optional(key),
            "origin": optional(origin?.description), "file": optional(origin?.path),
            "line": optional(origin?.line), "column": optional(origin?.column),
        ])
    }
}

/// Errors from loading the configuration.
public enum ConfigError: Error, Equatable, CustomStringConvertible {
    /// The configuration has errors; every problem found, errors and warnings, in source order.
    case invalid([ConfigDiagnostic])

    /// Every problem, one per line, then what to do.
    public var description: String {
        switch self {
        case .invalid(let diagnostics):
            let errors = diagnostics.filter { $0.severity == .error }.count
            let lines = diagnostics.map(\.description).joined(separator: "\n")
            return "invalid configuration (\(errors) error\(errors == 1 ? "" : "s")):\n\(lines)\n"
                + "fix the values above; `gibson-hook config check` lists every problem"
        }
    }
}
