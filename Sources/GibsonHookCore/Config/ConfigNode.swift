internal import Yams

/// A configuration value before it is interpreted: a YAML node with its origin, or a value built from an
/// environment variable or a flag. Keeping the origin on every node lets diagnostics name line and column.
struct ConfigNode {
    /// The shape of a node.
    enum Value {
        /// A scalar's text; `isNull` for YAML null (`~`, `null`, or nothing).
        case scalar(String, isNull: Bool)
        /// Key/value pairs in file order, each key with its own origin.
        case mapping([(key: String, keyOrigin: ConfigOrigin, value: ConfigNode)])
        /// Items in order.
        case sequence([ConfigNode])
    }

    var value: Value
    var origin: ConfigOrigin
    /// Whether `${VAR}` expands in this node's scalars (true for files).
    var expands: Bool

    /// A plain string value (from the environment or a flag).
    static func text(_ text: String, origin: ConfigOrigin) -> ConfigNode {
        ConfigNode(value: .scalar(text, isNull: false), origin: origin, expands: false)
    }

    /// Nests `leaf` under the dotted `key`: `a.b` becomes `{a: {b: leaf}}`.
    static func nested(key: String, leaf: ConfigNode) -> ConfigNode {
        var node = leaf
        for component in key.split(separator: ".", omittingEmptySubsequences: false).reversed() {
            node = ConfigNode(
                value: .mapping([(String(component), leaf.origin, node)]), origin: leaf.origin, expands: false)
        }
        return node
    }

    /// The same tree with every origin replaced by `origin` and expansion off.
    func relabelled(_ origin: ConfigOrigin) -> ConfigNode {
        switch value {
        case .scalar: return ConfigNode(value: value, origin: origin, expands: false)
        case .sequence(let items):
            return ConfigNode(value: .sequence(items.map { $0.relabelled(origin) }), origin: origin, expands: false)
        case .mapping(let pairs):
            let relabelled = pairs.map { (key: $0.key, keyOrigin: origin, value: $0.value.relabelled(origin)) }
            return ConfigNode(value: .mapping(relabelled), origin: origin, expands: false)
        }
    }

    /// A short name of the node's kind for messages.
    var kindName: String {
        switch value {
        case .scalar(_, let isNull): return isNull ? "null" : "a scalar"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }
}

/// Reads YAML text into `ConfigNode`s with Yams' node API, so every value keeps its line and column.
enum ConfigDocumentReader {
    /// Parses `text` read from `path`. A YAML error becomes one diagnostic with the parser's position.
    /// With `fixedOrigin` (a `--set` value) every node gets that origin and no `${VAR}` expansion.
    /// The document is measured against `limits` first, so that composing it is bounded.
    static func parse(
        _ text: String, path: String, fixedOrigin: ConfigOrigin? = nil, limits: ConfigLimits = .standard
    ) -> Result<ConfigNode?, ConfigDiagnostic> {
        if let violation = YAMLExpansionScanner.firstViolation(in: text, limits: limits) {
            let place = fixedOrigin ?? .file(path: path, line: violation.line, column: violation.column)
            return .failure(ConfigDiagnostic(.error, violation.message(path: path, limits: limits), origin: place))
        }
        do {
            guard let root = try Yams.compose(yaml: text) else { return .success(nil) }
            let node = convert(root, path: path)
            return .success(fixedOrigin.map { node.relabelled($0) } ?? node)
        } catch let error as YamlError {
            return .failure(diagnostic(for: error, path: path))
        } catch {
            return .failure(ConfigDiagnostic(.error, "cannot parse '\(path)': \(error)", origin: .file(path: path, line: 1, column: 1)))
        }
    }

    private static func origin(_ mark: Mark?, path: String) -> ConfigOrigin {
        .file(path: path, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    private static func convert(_ node: Node, path: String) -> ConfigNode {
        let here = origin(node.mark, path: path)
        switch node {
        case .scalar(let scalar):
            let isNull = scalar.style == .plain && node.null != nil
            return ConfigNode(value: .scalar(scalar.string, isNull: isNull), origin: here, expands: true)
        case .mapping(let mapping):
            let pairs = mapping.map { pair in
                (key: pair.key.string ?? "\(pair.key)", keyOrigin: origin(pair.key.mark, path: path),
                 value: convert(pair.value, path: path))
            }
            return ConfigNode(value: .mapping(pairs), origin: here, expands: true)
        case .sequence(let sequence):
            return ConfigNode(value: .sequence(sequence.map { convert($0, path: path) }), origin: here, expands: true)
        case .alias:
            // Yams resolves aliases while composing; an unresolved one reads as null.
            return ConfigNode(value: .scalar("", isNull: true), origin: here, expands: true)
        }
    }

    private static func diagnostic(for error: YamlError, path: String) -> ConfigDiagnostic {
        let (problem, mark): (String, Mark?)
        switch error {
        case .scanner(let context, let text, let at, _), .parser(let context, let text, let at, _),
            .composer(let context, let text, let at, _):
            problem = (context.map { $0.text + ": " } ?? "") + text
            mark = at
        case .reader(let text, _, _, _):
            problem = text
            mark = nil
        case .duplicatedKeysInMapping(let duplicates, let context):
            problem = "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in mapping"
            mark = context.mark
        default:
            problem = "\(error)"
            mark = nil
        }
        return ConfigDiagnostic(.error, "YAML syntax error: \(problem)", origin: origin(mark, path: path))
    }
}
