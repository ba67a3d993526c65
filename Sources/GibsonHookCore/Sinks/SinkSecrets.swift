import Foundation

/// Removes credentials from text a server sent back (error bodies, reasons) before it is stored or shown:
/// the sink's own secret values wherever they appear, and anything shaped like a credential
/// (`Authorization: …`, a long `Bearer …` token, `token=…`, `"password": "…"`).
enum SinkSecrets {
    /// What replaces a secret.
    static let mask = "<redacted>"

    /// The secret values of one sink: its bearer token, basic password and their encoded header form, the
    /// password of the URL's user info and every query value. Values shorter than 4 characters are left
    /// out (masking them would mangle ordinary text; the patterns still catch them in header form).
    static func values(auth: AuthSettings, url: String?, environment: ProcessEnvironment) -> [String] {
        var found: [String] = []
        if let header = try? SinkCredentials.authorization(auth, environment: environment) {
            found.append(header.value)
            if let space = header.value.firstIndex(of: " ") { found.append(String(header.value[header.value.index(after: space)...])) }
        }
        found += [auth.token, auth.password, auth.tokenEnv.flatMap(environment.nonEmpty),
                  auth.passwordEnv.flatMap(environment.nonEmpty)].compactMap { $0 }
        if let url, let components = URLComponents(string: url) {
            if let password = components.password { found.append(password) }
            found += (components.queryItems ?? []).compactMap(\.value)
        }
        return Array(Set(found.filter { $0.count >= 4 })).sorted { $0.count > $1.count }
    }

    /// Credential-shaped text: an authorization header's value, a bearer or basic credential, and the value
    /// of a key that names a secret in `key=value`, `key: value` or JSON form.
    private static let patterns: [NSRegularExpression] = [
        #"(?i)((?:proxy-)?authorization"?\s*[:=]\s*"?)[^"\r\n,}]+"#,
        #"(?i)\b(bearer\s+)[A-Za-z0-9\-._~+/=]{16,}"#,
        #"(?i)((?:api[-_]?key|apikey|access[-_]?token|token|password|passwd|secret|client[-_]?secret)"?\s*[:=]\s*"?)[^"&\s,}]+"#,
    ].map { try! NSRegularExpression(pattern: $0) }

    /// `text` with every secret of `secrets` and every credential-shaped part replaced by `mask`.
    static func redact(_ text: String, secrets: [String]) -> String {
        var result = text
        for secret in secrets where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: mask)
        }
        for pattern in patterns {
            let range = NSRange(result.startIndex..., in: result)
            result = pattern.stringByReplacingMatches(in: result, range: range, withTemplate: "$1" + mask)
        }
        return result
    }

    /// `outcome` with its reason redacted.
    static func redact(_ outcome: DeliveryOutcome, secrets: [String]) -> DeliveryOutcome {
        switch outcome {
        case .delivered: return .delivered
        case .retry(let reason, let after): return .retry(reason: redact(reason, secrets: secrets), retryAfter: after)
        case .permanent(let reason): return .permanent(reason: redact(reason, secrets: secrets))
        case .gone(let reason): return .gone(reason: redact(reason, secrets: secrets))
        case .notSent(let reason): return .notSent(reason: redact(reason, secrets: secrets))
        }
    }
}
