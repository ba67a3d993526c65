import Foundation

/// Reading answers the same way in every sink: the server's reason, Retry-After, and the endpoint identity.
enum SinkResponses {
    /// Longest server reason kept in an outcome.
    static let reasonLimit = 300

    /// The body parsed as JSON, or nil. Uses the byte-level parser: proxies answer batches of hundreds of
    /// records, and `JSONDecoder` costs several times more.
    static func json(_ data: Data) -> JSONValue? {
        data.withUnsafeBytes { raw in try? JSONByteParser.parse(raw.bindMemory(to: UInt8.self)) }
    }

    /// The server's reason: the JSON body's `message` (or `error`, `reason`), else the body text,
    /// truncated; `HTTP <status>` when the body is empty.
    static func reason(_ response: HTTPResponse) -> String {
        let status = "HTTP \(response.status)"
        if let json = json(response.body) {
            for member in ["message", "error", "reason", "detail"] {
                if let text = json[member]?.stringValue, !text.isEmpty { return "\(status): \(truncate(text))" }
            }
        }
        let text = truncate(response.text)
        return text.isEmpty ? status : "\(status): \(text)"
    }

    /// `text` on one line (see `oneLine`), cut to `reasonLimit` characters, marked when cut.
    static func truncate(_ text: String) -> String {
        let line = oneLine(text)
        return line.count <= reasonLimit ? line : String(line.prefix(reasonLimit)) + "…"
    }

    /// `text` safe to print on one line of a terminal or a log: terminal escape sequences (CSI and OSC) and
    /// every other control character removed, each run of white space and line breaks one space, trimmed. A
    /// server's body must not recolour, clear or add lines to the user's terminal.
    static func oneLine(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var space = false
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            if scalar == "\u{1B}", index < scalars.count, scalars[index] == "[" {
                // A CSI sequence (colours, cursor moves) ends at its final byte, @ to ~.
                index += 1
                while index < scalars.count, !(0x40...0x7E).contains(scalars[index].value) { index += 1 }
                index += 1
            } else if scalar == "\u{1B}", index < scalars.count, scalars[index] == "]" {
                // An OSC sequence (window title, hyperlinks) ends at BEL or ESC \.
                index += 1
                while index < scalars.count, scalars[index] != "\u{07}", scalars[index] != "\u{1B}" { index += 1 }
                index += index < scalars.count && scalars[index] == "\u{1B}" ? 2 : 1
            } else if scalar.properties.isWhitespace {
                space = !out.isEmpty
            } else if scalar.properties.generalCategory == .control || bidiControls.contains(scalar.value) {
                continue
            } else {
                if space { out.append(" ") }
                space = false
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// The bidirectional embeddings, overrides and isolates, which reorder the text printed after them.
    private static let bidiControls: Set<UInt32> = [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069]

    /// Seconds from `Retry-After`, when the response carries a valid one.
    static func retryAfter(_ response: HTTPResponse, now: Date) -> Double? {
        response.header("Retry-After").flatMap { RetryAfter.seconds(from: $0, now: now) }
    }

    /// The outcome of a 3xx: never followed, a permanent failure naming where it pointed.
    static func redirect(_ response: HTTPResponse) -> DeliveryOutcome {
        let location = response.header("Location").map { "'\($0)'" } ?? "an unnamed location"
        return .permanent(
            reason: "HTTP \(response.status): redirect to \(location) not followed; configure the final URL")
    }

    /// The outcome of a request that got no answer: not sent, so no attempt is spent, whether nothing left
    /// (no connection, deadline) or the outcome is unknown (timeout, reset: the event keeps its id, so a
    /// duplicate is the documented at-least-once case).
    static func transportFailure(_ error: HTTPError) -> DeliveryOutcome {
        .notSent(reason: error.description)
    }

    /// `scheme://host:port` of `url`, with the default port filled in; the URL itself when unparsable.
    static func endpoint(of url: String) -> String {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            let host = components.host
        else { return url }
        let port = components.port ?? (scheme == "https" ? 443 : 80)
        return "\(scheme)://\(host.lowercased()):\(port)"
    }

    /// `url` without its user info, query and fragment: what a sink keys its cached discoveries by, so that
    /// no credential of the URL is stored in the outbox's `state` table. A URL that does not parse is masked.
    static func cacheIdentity(of url: String) -> String {
        guard var components = URLComponents(string: url) else { return ConfigSecrets.maskURL(url) }
        (components.user, components.password, components.query, components.fragment) = (nil, nil, nil, nil)
        return components.string ?? ConfigSecrets.maskURL(url)
    }

    /// `url` without trailing slashes, so paths can be appended.
    static func base(_ url: String) -> String {
        var base = url
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }

    /// Percent-encodes `segment` for a URL path: everything outside RFC 3986 unreserved characters.
    static func pathSegment(_ segment: String) -> String {
        var out = ""
        for byte in segment.utf8 {
            let isUnreserved = (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57)
                || byte == 45 || byte == 46 || byte == 95 || byte == 126
            if isUnreserved {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + hex(byte)
            }
        }
        return out
    }

    /// Two upper-case hex digits.
    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
