/// Removes credentials from remote URLs before they are printed or sent anywhere.
public enum RemoteURL {
    /// `url` without credentials: `https://user:token@host/x.git` becomes `https://host/x.git`, and
    /// `ssh://user:pass@host/x` keeps the user but drops the password (`ssh://user@host/x`). scp-like
    /// addresses (`git@host:path`) and local paths are returned unchanged.
    public static func redacted(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        let afterScheme = url[schemeEnd.upperBound...]
        let authorityEnd = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? afterScheme.endIndex
        let authority = afterScheme[..<authorityEnd]
        guard let at = authority.lastIndex(of: "@") else { return url }
        let userInfo = authority[..<at]
        let host = authority[authority.index(after: at)...]
        let rest = afterScheme[authorityEnd...]
        let prefix = url[..<schemeEnd.upperBound]
        let keepsUser = scheme == "ssh" || scheme.hasPrefix("git+ssh") || scheme.hasPrefix("ssh+git")
        if keepsUser {
            let user = userInfo.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            return String(prefix) + (user.isEmpty ? "" : user + "@") + host + rest
        }
        return String(prefix) + host + rest
    }
}
