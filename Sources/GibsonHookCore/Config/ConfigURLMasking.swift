extension ConfigSecrets {
    /// Words that make a query parameter a secret when its name, lower-cased without `-`, `_` and `.`,
    /// contains one: `apikey`, `api_key`, `x-api-key`, `access_token`, `client_secret`, `X-Amz-Signature`,
    /// `X-Amz-Credential`, `authorization`, `session_id`... Deliberately broad: masking a harmless value in
    /// output costs nothing, printing a key costs a rotation.
    public static let secretParameterWords = [
        "key", "token", "secret", "password", "passwd", "signature", "auth", "credential", "session", "jwt", "bearer",
    ]

    /// Names that are secrets only as a whole (as words they hide inside harmless names).
    public static let secretParameterNames = ["sig", "pwd", "pass", "code"]

    /// Whether a query parameter called `name` (possibly percent-encoded) holds a secret.
    public static func isSecretParameter(_ name: String) -> Bool {
        let folded = String((name.removingPercentEncoding ?? name).lowercased().filter { $0.isLetter || $0.isNumber })
        return secretParameterNames.contains(folded) || secretParameterWords.contains { folded.contains($0) }
    }

    /// `url` safe to print: the password of the user info and the value of every secret-looking query (or
    /// fragment) parameter replaced by `********`, everything else as written. Works on text, so that a URL
    /// too broken to parse is masked in the message that reports it.
    public static func maskURL(_ url: String) -> String {
        var rest = Substring(url)
        var out = ""
        if let schemeEnd = rest.range(of: "://") {
            out += rest[..<schemeEnd.upperBound]
            rest = rest[schemeEnd.upperBound...]
            let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
            let authority = rest[..<authorityEnd]
            if let at = authority.lastIndex(of: "@") {
                let userInfo = authority[..<at]
                if let colon = userInfo.firstIndex(of: ":") {
                    out += userInfo[..<colon] + ":" + mask
                } else {
                    out += userInfo
                }
                out += authority[at...]
            } else {
                out += authority
            }
            rest = rest[authorityEnd...]
        }
        guard let question = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) else { return out + rest }
        out += rest[..<question]
        rest = rest[question...]
        // The query and the fragment: each `&`- or `;`-separated `name=value` whose name looks secret.
        var part = ""
        for character in rest {
            if character == "&" || character == ";" || character == "?" || character == "#" {
                out += maskedParameter(part) + String(character)
                part = ""
            } else {
                part.append(character)
            }
        }
        return out + maskedParameter(part)
    }

    private static func maskedParameter(_ parameter: String) -> String {
        guard let equals = parameter.firstIndex(of: "="), isSecretParameter(String(parameter[..<equals])) else {
            return parameter
        }
        return parameter[...equals] + mask
    }
}
