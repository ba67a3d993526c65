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
        let text = response.text.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? status : "\(status): \(truncate(text))"
    }

    /// `text` cut to `reasonLimit` characters, marked when cut.
    static func truncate(_ text: String) -> String {
        text.count <= reasonLimit ? text : String(text.prefix(reasonLimit)) + "…"
    }

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
