// libyaml, as Yams builds it. Yams composes aliases into shared values, but hashing a mapping key and
// walking the composed tree both pay for the full expansion, so a document is measured on libyaml's event
// stream, without composing anything, before Yams sees it.
internal import CYaml

/// Measures a YAML document from its parser events: depth, aliases, and the number of values it expands to
/// with every alias counted as the whole value it refers to. Linear in the size of the text; holds one
/// number per anchor and one per open list or mapping.
enum YAMLExpansionScanner {
    /// The first limit `text` crosses, or nil when it stays within `limits`. A syntax error ends the scan
    /// without a violation: the composer reports it, with its position.
    static func firstViolation(in text: String, limits: ConfigLimits) -> ConfigLimitViolation? {
        var utf8 = Array(text.utf8)
        return utf8.withUnsafeMutableBufferPointer { buffer in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return nil }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var budget = Budget(limits: limits)
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return nestingViolation(parser) }
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { return nil }
                if let kind = budget.take(event) {
                    return ConfigLimitViolation(
                        kind: kind, line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
                }
            }
        }
    }

    /// libyaml scans flow collections ahead and stops at its own nesting limit (1,000 levels) before the
    /// first event: that is the depth limit too, at the place libyaml names. Any other error is a syntax
    /// error, for the composer to report.
    private static func nestingViolation(_ parser: yaml_parser_t) -> ConfigLimitViolation? {
        guard let problem = parser.problem, String(cString: problem).hasPrefix("Maximum nesting level") else { return nil }
        return ConfigLimitViolation(
            kind: .depth, line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
    }

    /// The running counts of one scan.
    private struct Budget {
        let limits: ConfigLimits
        /// Expanded size of each anchored value, by anchor name (a later anchor of the same name wins, as in
        /// the composer).
        var anchors: [String: Int] = [:]
        /// The lists and mappings open around the current event: anchor and expanded size so far.
        var open: [(anchor: String?, size: Int)] = []
        var nodes = 0
        var aliases = 0

        /// Counts one event; the limit it crosses, if any.
        mutating func take(_ event: yaml_event_t) -> ConfigLimitViolation.Kind? {
            switch event.type {
            case YAML_SCALAR_EVENT:
                return add(1, anchor: Self.name(event.data.scalar.anchor))
            case YAML_ALIAS_EVENT:
                let anchor = Self.name(event.data.alias.anchor) ?? ""
                aliases += 1
                if aliases > limits.maxAliases { return .aliases(anchor: anchor) }
                // An undefined alias is the composer's error to report; it counts as one value here.
                return add(anchors[anchor] ?? 1, anchor: nil)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                if open.count >= limits.maxDepth { return .depth }
                let anchor = Self.name(
                    event.type == YAML_SEQUENCE_START_EVENT ? event.data.sequence_start.anchor : event.data.mapping_start.anchor)
                nodes += 1
                if nodes > limits.maxNodes { return .nodes }
                open.append((anchor, 1))
                return nil
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let closed = open.popLast() else { return nil }
                // The collection itself was counted when it opened; its size goes to its parent and its anchor.
                if let anchor = closed.anchor { anchors[anchor] = closed.size }
                if !open.isEmpty { open[open.count - 1].size = Self.sum(open[open.count - 1].size, closed.size) }
                return nil
            default:
                return nil
            }
        }

        /// Adds a completed leaf (a scalar, or an alias standing for `size` values).
        private mutating func add(_ size: Int, anchor: String?) -> ConfigLimitViolation.Kind? {
            nodes = Self.sum(nodes, size)
            if nodes > limits.maxNodes { return .nodes }
            if let anchor { anchors[anchor] = size }
            if !open.isEmpty { open[open.count - 1].size = Self.sum(open[open.count - 1].size, size) }
            return nil
        }

        private static func sum(_ a: Int, _ b: Int) -> Int {
            let (total, overflow) = a.addingReportingOverflow(b)
            return overflow ? Int.max : total
        }

        private static func name(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            pointer.map { String(cString: $0) }
        }
    }
}
