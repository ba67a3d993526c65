import Foundation

/// The rules an endpoint URL in the configuration (a sink, Temporal, an http probe, an infrastructure
/// service) must meet, checked when the configuration loads so that a typo is never found at delivery time,
/// where it would look like an outage, spend attempts and open the host's circuit breaker.
enum EndpointURLCheck {
    /// What the URL is for: a base URL that paths are appended to cannot carry a query or a fragment.
    enum Use {
        /// Used as written (CloudEvents sink, probes, services).
        case whole
        /// Paths are appended (Kafka REST proxy, Temporal).
        case base
    }

    /// Why `text` is not a usable `http://` or `https://` URL, or nil when it is. The reasons never quote
    /// the URL itself (the message does, masked).
    static func problem(in text: String, use: Use) -> String? {
        if let scalar = text.unicodeScalars.first(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            let name = scalar == "\n" ? "a line feed (LF)" : scalar == "\r" ? "a carriage return (CR)"
                : scalar == "\t" ? "a tab" : "the control character U+" + String(format: "%04X", scalar.value)
            return "it contains \(name): remove it"
        }
        if text.unicodeScalars.contains(where: { $0.properties.isWhitespace }) {
            return "it contains a space: remove it, or write it as %20 where it belongs in the path"
        }
        guard let schemeEnd = text.range(of: "://") else {
            return "it has no scheme: write http:// or https:// before the host"
        }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else {
            return "scheme '\(ConfigQuote.text(scheme))' is not supported: use http:// or https://"
        }
        let rest = text[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        let hostPort = authority.lastIndex(of: "@").map { authority[authority.index(after: $0)...] } ?? authority
        if let problem = hostProblem(hostPort) { return problem }
        let tail = rest[authorityEnd...]
        if use == .base, tail.contains(where: { $0 == "?" || $0 == "#" }) {
            return "it is a base URL that request paths are appended to, so it cannot have a query ('?') or a "
                + "fragment ('#'): put credentials in the sink's auth settings"
        }
        if let bad = text.unicodeScalars.first(where: { !allowed.contains($0) }) {
            return "it contains '\(ConfigQuote.text(String(bad)))', which a URL cannot hold: percent-encode it"
        }
        if let percent = invalidPercentEncoding(text) {
            return "'\(ConfigQuote.text(percent))' is not a valid percent-encoding: write % as %25"
        }
        guard URLComponents(string: text)?.host != nil else { return "it is not a valid URL" }
        return nil
    }

    /// Why `text` is not a host name or address for a tcp probe or a service (`host:` keys), or nil.
    static func hostNameProblem(in text: String) -> String? {
        if text.contains("://") { return "it is a URL: write only the host, and the port under 'port'" }
        if text.contains(where: { "/?#@".contains($0) }) || (text.contains(":") && !text.hasPrefix("[")) {
            return "write only the host, and the port under 'port'"
        }
        return problem(in: "http://" + text, use: .whole)?
            .replacingOccurrences(of: "write the host after '://'", with: "write a host name or address")
    }

    /// Checks the `host[:port]` part: a host (a name, an IPv4 address or a bracketed IPv6 address) and a
    /// port from 1 to 65535 when one is given.
    private static func hostProblem(_ hostPort: Substring) -> String? {
        var host = hostPort
        var port: Substring?
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else { return "its IPv6 address has no closing ']'" }
            host = hostPort[...close]
            let after = hostPort[hostPort.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { return "it has text after the IPv6 address: write [address]:port" }
                port = after.dropFirst()
            }
            guard host.dropFirst().dropLast().allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }), host.count > 2 else {
                return "'\(ConfigQuote.text(String(host)))' is not an IPv6 address"
            }
        } else if let colon = hostPort.lastIndex(of: ":") {
            host = hostPort[..<colon]
            port = hostPort[hostPort.index(after: colon)...]
        }
        if host.isEmpty { return "it has no host: write the host after '://'" }
        if let bad = host.first(where: { !($0.isASCII && ($0.isLetter || $0.isNumber || "-._~%[]:".contains($0))) }) {
            return "its host contains '\(ConfigQuote.text(String(bad)))': a host name has only letters, digits, '-', '_' and '.'"
        }
        guard let port else { return nil }
        guard !port.isEmpty else { return "it has ':' but no port after it: write the port or remove the ':'" }
        guard port.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return "port '\(ConfigQuote.text(String(port)))' is not a number from 1 to 65535"
        }
        // Seven digits or more is above 65535 whatever they are (and would not fit an Int at some length).
        guard port.count <= 6, let number = Int(port), number <= 65535 else {
            return "port \(ConfigQuote.text(String(port))) is above 65535, the largest port"
        }
        return number == 0 ? "port 0 is not a port: use one from 1 to 65535" : nil
    }

    /// RFC 3986's characters: unreserved, reserved and `%`.
    private static let allowed: Set<Unicode.Scalar> = Set(
        ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%").unicodeScalars)

    /// The first `%` not followed by two hexadecimal digits, with what follows it.
    private static func invalidPercentEncoding(_ text: String) -> String? {
        let characters = Array(text)
        for (index, character) in characters.enumerated() where character == "%" {
            let digits = characters[(index + 1)..<min(index + 3, characters.count)]
            if digits.count < 2 || !digits.allSatisfy(\.isHexDigit) { return "%" + String(digits) }
        }
        return nil
    }
}
