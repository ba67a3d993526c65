import Foundation
import Testing
@testable import GibsonHookCore

/// `EndpointURLCheck` (what a configured URL must be) and `ConfigSecrets.maskURL` (how one is printed).
@Suite struct EndpointURLTests {
    @Test func usableURLsPass() {
        for url in [
            "http://127.0.0.1:8082", "https://proxy.example/kafka/", "http://[::1]:7243", "https://u:p%40ss@h.example",
            "http://h.example:65535/path/%20x", "HTTPS://H.EXAMPLE",
        ] {
            #expect(EndpointURLCheck.problem(in: url, use: .base) == nil, "\(url)")
        }
        #expect(EndpointURLCheck.problem(in: "https://ce.example/in?apikey=x&a=b#f", use: .whole) == nil)
    }

    @Test func eachProblemIsNamed() {
        let cases: [(String, String)] = [
            ("http://h\r\n/x", "it contains a carriage return (CR): remove it"),
            ("http://h/\nx", "it contains a line feed (LF): remove it"),
            ("http://h/\u{1}", "it contains the control character U+0001: remove it"),
            ("http://h/a b", "it contains a space: remove it, or write it as %20 where it belongs in the path"),
            ("h:8082", "it has no scheme: write http:// or https:// before the host"),
            ("ftp://h", "scheme 'ftp' is not supported: use http:// or https://"),
            ("http://", "it has no host: write the host after '://'"),
            ("http://user@:80/", "it has no host: write the host after '://'"),
            ("http://h:99999", "port 99999 is above 65535, the largest port"),
            ("http://h:12345678901234567890", "port 12345678901234567890 is above 65535, the largest port"),
            ("http://h:0", "port 0 is not a port: use one from 1 to 65535"),
            ("http://h:", "it has ':' but no port after it: write the port or remove the ':'"),
            ("http://h:8o", "port '8o' is not a number from 1 to 65535"),
            ("http://[::1:80", "its IPv6 address has no closing ']'"),
            ("http://hö", "its host contains 'ö': a host name has only letters, digits, '-', '_' and '.'"),
            ("http://h/<x>", "it contains '<', which a URL cannot hold: percent-encode it"),
            ("http://h/%zz", "'%zz' is not a valid percent-encoding: write % as %25"),
        ]
        for (url, reason) in cases {
            #expect(EndpointURLCheck.problem(in: url, use: .whole) == reason, "\(url)")
        }
        #expect(EndpointURLCheck.problem(in: "http://h/?apikey=x", use: .base) == "it is a base URL that request "
            + "paths are appended to, so it cannot have a query ('?') or a fragment ('#'): put credentials in the sink's auth settings")
    }

    @Test func secretsInURLsAreMasked() {
        let cases: [(String, String)] = [
            ("https://ce.example/in?apikey=s3cr3t", "https://ce.example/in?apikey=********"),
            ("https://u:pw@h/x?a=1&access_token=t&sig=s;X-Amz-Signature=z#id_token=j",
             "https://u:********@h/x?a=1&access_token=********&sig=********;X-Amz-Signature=********#id_token=********"),
            ("https://token-only@h/", "https://token-only@h/"),
            ("https://h/?api%5Fkey=v&page=2&signature", "https://h/?api%5Fkey=********&page=2&signature"),
            ("http://h:99999/ x?password=p\r\n", "http://h:99999/ x?password=********"),
            ("not a url?token=abc", "not a url?token=********"),
        ]
        for (url, masked) in cases {
            #expect(ConfigSecrets.maskURL(url) == masked, "\(url)")
        }
    }

    @Test func secretParameterNamesAreBroadAndShortOnesExact() {
        for name in ["key", "apikey", "API_KEY", "x-api-key", "client_secret", "Password", "auth", "Authorization",
                     "X-Amz-Credential", "session_id", "sig", "pwd", "code", "jwt"] {
            #expect(ConfigSecrets.isSecretParameter(name), "\(name)")
        }
        for name in ["page", "design", "format", "topic", "passage", "codec"] {
            #expect(!ConfigSecrets.isSecretParameter(name), "\(name)")
        }
    }

    @Test func theReportMasksURLsInsideLists() throws {
        let sandbox = try ConfigSandbox()
        try sandbox.write("""
            infrastructure:
              services:
                - {name: api, port: 443, url: "https://api.example/health?token=t0k"}

            """, to: sandbox.repositoryFile)
        let report = ConfigReport(try sandbox.load())
        let services = try #require(report.entries.first { $0.key == "infrastructure.services" })
        #expect(services.value.arrayValue?.first?["url"] == "https://api.example/health?token=********")
    }
}

extension EndpointURLTests {
    @Test func hostsOfProbesAndServicesAreChecked() {
        for host in ["127.0.0.1", "db.internal", "[::1]", "localhost"] {
            #expect(EndpointURLCheck.hostNameProblem(in: host) == nil, "\(host)")
        }
        let cases: [(String, String)] = [
            ("", "it has no host: write a host name or address"),
            ("db internal", "it contains a space: remove it, or write it as %20 where it belongs in the path"),
            ("db\r\n", "it contains a carriage return (CR): remove it"),
            ("http://db", "it is a URL: write only the host, and the port under 'port'"),
            ("db:5432", "write only the host, and the port under 'port'"),
            ("db/x", "write only the host, and the port under 'port'"),
            ("db_ö", "its host contains 'ö': a host name has only letters, digits, '-', '_' and '.'"),
        ]
        for (host, reason) in cases {
            #expect(EndpointURLCheck.hostNameProblem(in: host) == reason, "\(host)")
        }
    }
}
