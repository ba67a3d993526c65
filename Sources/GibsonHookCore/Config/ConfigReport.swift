import Foundation

/// The effective configuration as `gibson-hook config` prints it: every key with its value (secrets
/// masked) and where it came from.
public struct ConfigReport: Sendable, Equatable {
    /// One leaf key.
    public struct Entry: Sendable, Equatable {
        /// Dotted key, such as `sinks.kafka.url`; lists are one entry.
        public var key: String
        /// The value, secrets masked.
        public var value: JSONValue
        /// Where it came from.
        public var origin: ConfigOrigin
    }

    /// Every key, sorted.
    public var entries: [Entry]
    /// Files read, in the order they apply.
    public var files: [ConfigFile]
    /// Warnings from loading.
    public var warnings: [ConfigDiagnostic]

    /// Builds the report for a loaded configuration.
    public init(_ loaded: LoadedConfiguration) {
        var leaves: [(String, JSONValue)] = []
        Self.flatten(ConfigurationSchema.root.render(loaded.configuration), prefix: "", into: &leaves)
        entries = leaves.sorted { $0.0 < $1.0 }.map { key, value in
            Entry(key: key, value: Self.masked(key: key, value), origin: loaded.origin(of: key))
        }
        files = loaded.files
        warnings = loaded.warnings
    }

    /// The report as JSON: `settings` (key → value and origin), `files` and `warnings`.
    public var json: JSONValue {
        .object([
            "settings": .object(Dictionary(uniqueKeysWithValues: entries.map {
                ($0.key, JSONValue.object(["value": $0.value, "origin": .string($0.origin.description)]))
            })),
            "files": .array(files.map { .object(["path": .string($0.path), "role": .string($0.role.rawValue)]) }),
            "warnings": .array(warnings.map(\.json)),
        ])
    }

    private static func flatten(_ value: JSONValue, prefix: String, into leaves: inout [(String, JSONValue)]) {
        guard case .object(let members) = value, !members.isEmpty || prefix.isEmpty else {
            leaves.append((prefix, value))
            return
        }
        for (name, member) in members {
            flatten(member, prefix: prefix.isEmpty ? name : prefix + "." + name, into: &leaves)
        }
    }

    /// Secrets become `********`; URLs lose their password and secret query parameters
    /// (`ConfigSecrets.maskURL`), also inside lists and mappings (probes, services).
    static func masked(key: String, _ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text):
            if ConfigSecrets.isSecret(key) { return .string(ConfigSecrets.mask) }
            return text.contains("://") ? .string(ConfigSecrets.maskURL(text)) : value
        case .array(let items):
            return .array(items.map { masked(key: key, $0) })
        case .object(let members):
            return .object(members.reduce(into: [:]) { $0[$1.key] = masked(key: key + "." + $1.key, $1.value) })
        default:
            return value
        }
    }
}
