import GibsonHookCore
import Testing

@Suite struct RemoteURLTests {
    @Test(arguments: [
        ("https://user:token@host/x.git", "https://host/x.git"),
        ("https://token@host:8443/x.git", "https://host:8443/x.git"),
        ("http://a:b@host", "http://host"),
        ("https://host/x.git", "https://host/x.git"),
        ("https://host/path@with-at", "https://host/path@with-at"),
        ("ssh://user:pass@host/x.git", "ssh://user@host/x.git"),
        ("ssh://git@host:2222/x.git", "ssh://git@host:2222/x.git"),
        ("git+ssh://user:pass@host/x", "git+ssh://user@host/x"),
        ("git@host:path/x.git", "git@host:path/x.git"),
        ("/srv/git/x.git", "/srv/git/x.git"),
        ("file:///srv/git/x.git", "file:///srv/git/x.git"),
    ])
    func credentialsAreRemoved(url: String, expected: String) {
        #expect(RemoteURL.redacted(url) == expected)
    }
}
