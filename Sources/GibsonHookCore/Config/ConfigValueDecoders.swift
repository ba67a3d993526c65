import Foundation

extension NodeDecoder {
    /// A scalar whose text `parse` turns into a value, or nil with a reason (quoting the text).
    static func scalar(expected: String, render: @escaping (T) -> JSONValue, parse: @escaping (String) -> T?) -> NodeDecoder {
        NodeDecoder(expected: expected, decode: { node, context, key in
            guard let text = context.scalarText(node, key: key, expected: expected) else { return nil }
            guard let value = parse(text) else {
                context.error("invalid value '\(ConfigQuote.text(text))' for '\(key)': expected \(expected)", at: node.origin, key: key)
                return nil
            }
            return value
        }, render: render)
    }
}

extension NodeDecoder where T == String {
    /// Any text.
    static var string: NodeDecoder { NodeDecoder.scalar(expected: "a string", render: { .string($0) }, parse: { $0 }) }

    /// One of a fixed set of words.
    static func oneOf(_ choices: [String]) -> NodeDecoder {
        .scalar(expected: "one of \(choices.joined(separator: ", "))", render: { .string($0) }, parse: { choices.contains($0) ? $0 : nil })
    }

    /// An absolute http or https URL with a host, checked by `EndpointURLCheck`; the message quotes it
    /// masked (`ConfigSecrets.maskURL`).
    static var url: NodeDecoder { endpointURL(.whole) }

    /// A base URL that request paths are appended to: no query, no fragment.
    static var baseURL: NodeDecoder { endpointURL(.base) }

    /// A host name or address (tcp probes, services), checked by `EndpointURLCheck.hostNameProblem`.
    static var host: NodeDecoder { NodeDecoder(expected: "a host name or address", decode: { node, context, key in
        guard let text = context.scalarText(node, key: key, expected: "a host name or address") else { return nil }
        if let problem = EndpointURLCheck.hostNameProblem(in: text) {
            context.error("invalid host '\(ConfigQuote.text(text))' for '\(key)': \(problem)", at: node.origin, key: key)
            return nil
        }
        return text
    }, render: { .string($0) }) }

    private static func endpointURL(_ use: EndpointURLCheck.Use) -> NodeDecoder {
        NodeDecoder(expected: "an http:// or https:// URL with a host", decode: { node, context, key in
            guard let text = context.scalarText(node, key: key, expected: "an http:// or https:// URL with a host") else {
                return nil
            }
            if let problem = EndpointURLCheck.problem(in: text, use: use) {
                context.error(
                    "invalid URL '\(ConfigQuote.text(ConfigSecrets.maskURL(text)))' for '\(key)': \(problem)",
                    at: node.origin, key: key)
                return nil
            }
            return text
        }, render: { .string($0) })
    }
}

extension NodeDecoder where T == Int {
    /// A whole number in `range`.
    static func int(_ range: ClosedRange<Int> = 0...Int.max) -> NodeDecoder {
        let expected = range.upperBound == Int.max ? "a whole number of at least \(range.lowerBound)"
            : "a whole number from \(range.lowerBound) to \(range.upperBound)"
        return .scalar(expected: expected, render: { .integer(Int64($0)) }, parse: { text in
            guard let value = Int(text), range.contains(value) else { return nil }
            return value
        })
    }

    /// A TCP port.
    static var port: NodeDecoder { NodeDecoder.int(1...65535) }
}

extension NodeDecoder where T == Int32 {
    /// A process exit code.
    static var exitCode: NodeDecoder { NodeDecoder.scalar(expected: "an exit code from 0 to 255", render: { .integer(Int64($0)) }, parse: { text in
        guard let value = Int32(text), (0...255).contains(value) else { return nil }
        return value
    }) }
}

extension NodeDecoder where T == Bool {
    /// true/false (also yes/no, on/off).
    static var bool: NodeDecoder { NodeDecoder.scalar(expected: "true or false", render: { .bool($0) }, parse: { text in
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: return nil
        }
    }) }
}

extension NodeDecoder where T == DurationValue {
    /// A duration such as `30s`, `5m`, `7d`.
    static var duration: NodeDecoder { NodeDecoder.scalar(
        expected: "a duration such as 250ms, 30s, 5m, 1h or 7d", render: { .string($0.description) },
        parse: { DurationValue(parsing: $0) }) }

    /// A duration longer than zero, such as `12h` or `30d` (a topic's retention, a backup's maximum age).
    static var positiveDuration: NodeDecoder { NodeDecoder.scalar(
        expected: "a duration longer than 0 such as 30s, 1h or 7d", render: { .string($0.description) },
        parse: { DurationValue(parsing: $0).flatMap { $0.seconds > 0 ? $0 : nil } }) }
}

extension NodeDecoder where T: RawRepresentable & CaseIterable, T.RawValue == String {
    /// One of the enum's raw values.
    static var enumeration: NodeDecoder {
        let names = T.allCases.map(\.rawValue)
        return .scalar(expected: "one of \(names.joined(separator: ", "))", render: { .string($0.rawValue) }, parse: { T(rawValue: $0) })
    }
}

extension NodeDecoder {
    /// A YAML list of `element`s; the whole list replaces the earlier one.
    static func list<Element>(of element: NodeDecoder<Element>) -> NodeDecoder<[Element]> {
        let expected = "a list of \(element.expected)"
        return NodeDecoder<[Element]>(expected: expected, decode: { node, context, key in
            guard case .sequence(let items) = node.value else {
                context.error("'\(key)' must be \(expected), not \(node.kindName)", at: node.origin, key: key)
                return nil
            }
            var values: [Element] = []
            var failed = false
            for (index, item) in items.enumerated() {
                if let value = element.decode(item, &context, "\(key)[\(index)]") { values.append(value) } else { failed = true }
            }
            return failed ? nil : values
        }, render: { .array($0.map(element.render)) })
    }
}
