/// Reads a whole node into a fresh value of `T` (a scalar, a list, or an object built from a seed), and
/// renders a value back to JSON for `gibson-hook config`.
struct NodeDecoder<T> {
    /// What the value must look like, for messages ("a duration such as 30s").
    let expected: String
    /// Decodes `node` at dotted `key`; nil after recording why it is unusable.
    let decode: (ConfigNode, inout DecodeContext, String) -> T?
    /// The value as JSON.
    let render: (T) -> JSONValue
}

/// A mapping with a fixed set of keys, each applied to part of `Root`. Unknown keys are reported with a
/// did-you-mean; keys that are present override, keys that are absent keep their earlier value.
struct ObjectSchema<Root> {
    /// One key of the mapping.
    struct Field {
        let name: String
        /// Applies `node` (at dotted key) onto the root value.
        let apply: (ConfigNode, inout Root, inout DecodeContext, String) -> Void
        let render: (Root) -> JSONValue
    }

    let fields: [Field]

    init(_ fields: [Field]) { self.fields = fields }

    /// The key names, in declaration order.
    var names: [String] { fields.map(\.name) }

    /// Applies every pair of the mapping `node` onto `root`.
    func apply(_ node: ConfigNode, to root: inout Root, context: inout DecodeContext, key: String) {
        guard case .mapping(let pairs) = node.value else {
            if case .scalar(_, true) = node.value { return }  // An empty section changes nothing.
            context.error("'\(key.isEmpty ? "configuration" : key)' must be a mapping, not \(node.kindName)", at: node.origin, key: key)
            return
        }
        for pair in pairs {
            let childKey = key.isEmpty ? pair.key : key + "." + pair.key
            guard let field = fields.first(where: { $0.name == pair.key }) else {
                var message = "unknown key '\(ConfigQuote.text(childKey))'"
                if let suggestion = DidYouMean.closest(to: pair.key, among: names) {
                    message += ": did you mean '\(key.isEmpty ? suggestion : key + "." + suggestion)'?"
                } else {
                    message += ": known keys here are \(names.joined(separator: ", "))"
                }
                context.error(message, at: pair.keyOrigin, key: childKey)
                continue
            }
            field.apply(pair.value, &root, &context, childKey)
        }
    }

    /// The root as a JSON object with every key.
    func render(_ root: Root) -> JSONValue {
        .object(Dictionary(uniqueKeysWithValues: fields.map { ($0.name, $0.render(root)) }))
    }

    /// A decoder that builds a fresh value from `seed`, requiring `required` keys to be present.
    func decoder(seed: Root, required: [String] = [], expected: String) -> NodeDecoder<Root> {
        NodeDecoder(expected: expected, decode: { node, context, key in
            guard case .mapping(let pairs) = node.value else {
                context.error("'\(key)' must be \(expected), not \(node.kindName)", at: node.origin, key: key)
                return nil
            }
            var value = seed
            let before = context.diagnostics.count
            for name in required where !pairs.contains(where: { $0.key == name }) {
                context.error("'\(key)' is missing '\(name)'", at: node.origin, key: key)
            }
            self.apply(node, to: &value, context: &context, key: key)
            return context.diagnostics.count == before ? value : nil
        }, render: { self.render($0) })
    }
}

extension ObjectSchema.Field {
    // The decoders and schemas below are autoclosures, built when their key is applied or rendered: a process
    // that reads one variable (`GIBSON_HOOK_GIBSON`) builds one section's schema, not the whole tree with its
    // key paths and generic metadata (a visible share of every hook's start-up).

    /// A key whose whole value is replaced (scalars and lists).
    static func value<T>(_ name: String, _ path: WritableKeyPath<Root, T>, _ decoder: @autoclosure @escaping () -> NodeDecoder<T>) -> Self {
        Self(name: name, apply: { node, root, context, key in
            guard let value = decoder().decode(node, &context, key) else { return }
            root[keyPath: path] = value
            context.record(key, node.origin)
        }, render: { decoder().render($0[keyPath: path]) })
    }

    /// A key that may be null (`~`) to clear it.
    static func optional<T>(_ name: String, _ path: WritableKeyPath<Root, T?>, _ decoder: @autoclosure @escaping () -> NodeDecoder<T>) -> Self {
        Self(name: name, apply: { node, root, context, key in
            if case .scalar(_, true) = node.value {
                root[keyPath: path] = nil
                context.record(key, node.origin)
                return
            }
            guard let value = decoder().decode(node, &context, key) else { return }
            root[keyPath: path] = value
            context.record(key, node.origin)
        }, render: { root in root[keyPath: path].map(decoder().render) ?? .null })
    }

    /// A nested section, merged key by key.
    static func section<Child>(_ name: String, _ path: WritableKeyPath<Root, Child>, _ schema: @autoclosure @escaping () -> ObjectSchema<Child>) -> Self {
        Self(name: name, apply: { node, root, context, key in
            schema().apply(node, to: &root[keyPath: path], context: &context, key: key)
        }, render: { schema().render($0[keyPath: path]) })
    }

    /// The pairs of a mapping of names; nil for null (nothing to merge) and, with an error, anything else.
    private static func namePairs(_ node: ConfigNode, _ context: inout DecodeContext, _ key: String) -> [(key: String, keyOrigin: ConfigOrigin, value: ConfigNode)]? {
        if case .mapping(let pairs) = node.value { return pairs }
        if case .scalar(_, true) = node.value { return nil }
        context.error("'\(key)' must be a mapping of names, not \(node.kindName)", at: node.origin, key: key)
        return nil
    }

    /// Reports `name` of the mapping at `key` when `nameProblem` finds fault with it; whether it did.
    @discardableResult
    private static func reportName(
        _ name: String, _ nameProblem: (String) -> String?, at origin: ConfigOrigin, in key: String, _ context: inout DecodeContext
    ) -> Bool {
        guard let problem = nameProblem(name) else { return false }
        context.error("invalid name '\(ConfigQuote.text(name))' in '\(key)': \(problem)", at: origin, key: key + "." + name)
        return true
    }

    /// A mapping of names to sections (topics): existing names merge, new names start from `seed`. A name
    /// `nameProblem` finds fault with is an error at the name (its section is still checked).
    static func namedSections<Child>(
        _ name: String, _ path: WritableKeyPath<Root, [String: Child]>, _ schema: @autoclosure @escaping () -> ObjectSchema<Child>,
        seed: Child, nameProblem: @escaping (String) -> String? = { _ in nil }
    ) -> Self {
        Self(name: name, apply: { node, root, context, key in
            guard let pairs = namePairs(node, &context, key) else { return }
            let schema = schema()
            for pair in pairs {
                reportName(pair.key, nameProblem, at: pair.keyOrigin, in: key, &context)
                var child = root[keyPath: path][pair.key] ?? seed
                schema.apply(pair.value, to: &child, context: &context, key: key + "." + pair.key)
                root[keyPath: path][pair.key] = child
            }
        }, render: { root in
            let schema = schema()
            return .object(root[keyPath: path].mapValues { schema.render($0) })
        })
    }

    /// A mapping of names to single values (routing), merged name by name. A name `nameProblem` finds fault
    /// with is an error at the name, and its value is not kept.
    static func namedValues<T>(
        _ name: String, _ path: WritableKeyPath<Root, [String: T]>, _ decoder: @autoclosure @escaping () -> NodeDecoder<T>,
        nameProblem: @escaping (String) -> String? = { _ in nil }
    ) -> Self {
        Self(name: name, apply: { node, root, context, key in
            guard let pairs = namePairs(node, &context, key) else { return }
            let decoder = decoder()
            for pair in pairs {
                guard !reportName(pair.key, nameProblem, at: pair.keyOrigin, in: key, &context) else { continue }
                let childKey = key + "." + pair.key
                guard let value = decoder.decode(pair.value, &context, childKey) else { continue }
                root[keyPath: path][pair.key] = value
                context.record(childKey, pair.value.origin)
            }
        }, render: { root in .object(root[keyPath: path].mapValues(decoder().render)) })
    }
}

/// Suggests the known key closest to a mistyped one.
enum DidYouMean {
    /// The closest of `candidates`, when it is close enough to be a plausible typo.
    static func closest(to word: String, among candidates: [String]) -> String? {
        let folded = fold(word)
        if let exact = candidates.first(where: { fold($0) == folded }) { return exact }
        let limit = max(2, word.count / 3)
        // The distance is at least the difference in length: a long key (a hostile file has thousands)
        // is not compared at all, so suggesting stays linear in the size of the file.
        let scored = candidates.map(fold).enumerated().filter { abs($0.element.count - folded.count) <= limit }
            .map { ($0.offset, distance(folded, $0.element)) }.min { $0.1 < $1.1 }
        guard let (best, score) = scored, score <= limit else { return nil }
        return candidates[best]
    }

    /// Lower case without `-` and `_`, so `restart_policy` finds `restartPolicy`.
    private static func fold(_ text: String) -> String {
        String(text.lowercased().filter { $0 != "-" && $0 != "_" })
    }

    /// Levenshtein distance.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
