/// State shared while one layer (a file, the environment, the flags) is applied to the configuration:
/// every problem found and where every value came from.
struct DecodeContext {
    /// Variables for `${VAR}` expansion.
    let environment: ProcessEnvironment
    /// Problems found so far, in source order.
    var diagnostics: [ConfigDiagnostic] = []
    /// Dotted key → where its current value came from.
    var origins: [String: ConfigOrigin] = [:]
    /// Secret keys (tokens, passwords) given a value by the layer being applied.
    var secretsSet: [String] = []
    /// Recorded keys below each key, so that recording a key drops its descendants' origins in time
    /// proportional to them (scanning every origin made 10,000 event triggers take minutes).
    var descendants = ConfigKeyDescendants()
    /// Where list-item values checked only once the whole configuration is known were written (a trigger's
    /// `action`, which may name an action defined in another file), by key such as `eventTriggers[0].action`.
    var laterChecked: [String: ConfigOrigin] = [:]

    /// Problems past `ConfigDiagnosticCap.limit`, counted but not kept (a hostile file can hold 100,000).
    var omitted = 0
    /// Whether an error (not only warnings) was among them.
    var omittedAnError = false

    mutating func error(_ message: String, at origin: ConfigOrigin, key: String?) {
        report(ConfigDiagnostic(.error, message, origin: origin, key: key))
    }

    mutating func warning(_ message: String, at origin: ConfigOrigin?, key: String?) {
        report(ConfigDiagnostic(.warning, message, origin: origin, key: key))
    }

    /// Keeps `diagnostic` unless `ConfigDiagnosticCap.limit` are kept already.
    mutating func report(_ diagnostic: ConfigDiagnostic) {
        guard diagnostics.count < ConfigDiagnosticCap.limit else {
            omitted += 1
            omittedAnError = omittedAnError || diagnostic.severity == .error
            return
        }
        diagnostics.append(diagnostic)
    }

    /// Records that `key` now holds a value from `origin`; keys below it lose their older origins.
    mutating func record(_ key: String, _ origin: ConfigOrigin) {
        for stale in descendants.removeAll(below: key) { origins.removeValue(forKey: stale) }
        descendants.insert(key)
        origins[key] = origin
        if ConfigSecrets.isSecret(key) { secretsSet.append(key) }
    }

    /// The scalar text of `node` with `${VAR}` expanded, or nil after recording why it is unusable.
    mutating func scalarText(_ node: ConfigNode, key: String, expected: String) -> String? {
        guard case .scalar(let text, let isNull) = node.value, !isNull else {
            error("'\(key)' must be \(expected), not \(node.kindName)", at: node.origin, key: key)
            return nil
        }
        guard node.expands else { return text }
        switch VariableExpansion.expand(text, environment: environment) {
        case .success(let expanded): return expanded
        case .failure(let problem):
            error("\(problem.description) in '\(key)'", at: node.origin, key: key)
            return nil
        }
    }
}

/// Which keys hold secrets: they are masked in output and earn a warning in a readable file.
public enum ConfigSecrets {
    /// True for keys whose last component is `token` or `password`.
    public static func isSecret(_ key: String) -> Bool {
        let last = key.split(separator: ".").last.map(String.init) ?? key
        return last == "token" || last == "password"
    }

    /// The value shown in place of a secret.
    public static let mask = "********"
}

/// Problems expanding `${VAR}` references.
enum VariableExpansionError: Error, Equatable, CustomStringConvertible {
    /// `${NAME}` names a variable that is not set and gives no default.
    case unset(String)
    /// `${` without a closing `}`, or an invalid name.
    case malformed(String)

    var description: String {
        switch self {
        case .unset(let name): return "variable '\(name)' is not set: export it or write ${\(name):-default}"
        case .malformed(let text): return "malformed variable reference '\(text)': write ${NAME} or ${NAME:-default}"
        }
    }
}

/// `${VAR}` and `${VAR:-default}` in configuration strings; `$$` is a literal `$`.
enum VariableExpansion {
    static func expand(_ text: String, environment: ProcessEnvironment) -> Result<String, VariableExpansionError> {
        guard text.contains("$") else { return .success(text) }
        var out = ""
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            out += rest[..<dollar]
            let after = rest[rest.index(after: dollar)...]
            if after.first == "$" {
                out += "$"
                rest = after.dropFirst()
            } else if after.first == "{" {
                guard let close = after.firstIndex(of: "}") else { return .failure(.malformed(String(rest))) }
                let body = after[after.index(after: after.startIndex)..<close]
                let parts = body.split(separator: ":-", maxSplits: 1, omittingEmptySubsequences: false)
                let name = String(parts[0])
                guard isName(name) else { return .failure(.malformed(String(rest[dollar...close]))) }
                if parts.count == 2 {
                    out += environment.nonEmpty(name) ?? String(parts[1])
                } else if let value = environment[name] {
                    out += value
                } else {
                    return .failure(.unset(name))
                }
                rest = after[after.index(after: close)...]
            } else {
                out += "$"
                rest = after
            }
        }
        out += rest
        return .success(out)
    }

    private static func isName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.properties.isAlphabetic && first.isASCII) else {
            return false
        }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }
}
