import Foundation
import GibsonHookCore
import Testing

/// HTTPClient against a real local server: what reaches the wire, connection reuse, redirects, TLS.
@Suite struct HTTPClientTests {
    let deadline = Date().addingTimeInterval(30)

    func echo(_ response: HTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
    }

    func headers(_ echo: [String: Any]) -> [String: String] {
        var result: [String: String] = [:]
        for pair in echo["headers"] as? [[String]] ?? [] { result[pair[0].lowercased()] = pair[1] }
        return result
    }

    @Test func postSendsExactHeadersAndNoExpect() throws {
        let server = try FixtureServer()
        let client = HTTPClient(options: HTTPClientOptions())
        // Above 1 MiB libcurl 7.88 would add `Expect: 100-continue` on its own.
        let body = Data(String(repeating: "x", count: 2_000_000).utf8)
        let request = HTTPRequest(
            method: .post, url: "http://127.0.0.1:\(server.port)/echo",
            headers: [HTTPHeader("Content-Type", "application/vnd.kafka.json.v2+json"), HTTPHeader("Accept", "application/vnd.kafka.v2+json")],
            body: body, responseLimit: 8_000_000)  // the echo carries the body back
        let response = try client.send(request, deadline: deadline)
        #expect(response.status == 200)
        #expect(response.header("retry-after") == "7")
        let seen = try echo(response)
        let sent = headers(seen)
        #expect(seen["method"] as? String == "POST")
        #expect(seen["body_length"] as? Int == body.count)
        #expect(sent["content-type"] == "application/vnd.kafka.json.v2+json")
        #expect(sent["accept"] == "application/vnd.kafka.v2+json")
        #expect(sent["expect"] == nil)
    }

    @Test func responseBodiesAreCutOffAtTheLimitAndStillAnswered() throws {
        let server = try FixtureServer()
        let client = HTTPClient(options: HTTPClientOptions())
        // The echo sends the 300 kB body back: more than the default 64 KiB the client keeps.
        let request = HTTPRequest(
            method: .post, url: "http://127.0.0.1:\(server.port)/echo", headers: [HTTPHeader("Content-Type", "text/plain")],
            body: Data(String(repeating: "y", count: 300_000).utf8))
        let response = try client.send(request, deadline: deadline)
        #expect(response.status == 200 && response.bodyTruncated)
        #expect(response.body.count == HTTPRequest.defaultResponseLimit)
        // The handle is usable again after a transfer stopped at the limit.
        let small = try client.send(HTTPRequest(method: .post, url: request.url, body: Data("{}".utf8)), deadline: deadline)
        #expect(small.status == 200 && !small.bodyTruncated)
    }

    @Test func redirectsAreNotFollowed() throws {
        let server = try FixtureServer()
        let client = HTTPClient(options: HTTPClientOptions())
        let response = try client.send(HTTPRequest(method: .post, url: "http://127.0.0.1:\(server.port)/redirect", body: Data("{}".utf8)), deadline: deadline)
        #expect(response.status == 302)
        #expect(response.header("Location") == "/echo")
        #expect(response.text == "moved")
        // The next request on the server is its second: the redirect target was never requested.
        let next = try echo(try client.send(HTTPRequest(method: .get, url: "http://127.0.0.1:\(server.port)/echo"), deadline: deadline))
        #expect(next["requests_seen"] as? Int == 2)
    }

    @Test func connectionIsReusedAcrossRequests() throws {
        let server = try FixtureServer()
        let client = HTTPClient(options: HTTPClientOptions())
        var ports: Set<Int> = []
        for index in 0..<3 {
            let request = HTTPRequest(
                method: .post, url: "http://127.0.0.1:\(server.port)/echo", headers: [HTTPHeader("Content-Type", "application/json")],
                body: Data("{\"n\":\(index)}".utf8))
            ports.insert(try echo(try client.send(request, deadline: deadline))["peer_port"] as? Int ?? -1)
        }
        #expect(ports.count == 1)
    }

    @Test func customCATrustedOnlyWhenConfigured() throws {
        let certificates = try TestCertificates()
        let server = try FixtureServer(["--cert", certificates.serverCert, "--key", certificates.serverKey])
        let request = HTTPRequest(method: .get, url: "https://localhost:\(server.port)/echo")
        var tls = TLSSettings()
        tls.caFile = certificates.caFile
        let trusted = try HTTPClient(options: HTTPClientOptions(tls: tls)).send(request, deadline: deadline)
        #expect(trusted.status == 200)
        #expect(throws: HTTPError.self) { try HTTPClient(options: HTTPClientOptions()).send(request, deadline: deadline) }
        do {
            _ = try HTTPClient(options: HTTPClientOptions()).send(request, deadline: deadline)
        } catch {
            guard case .couldNotConnect(_, let reason) = error else { Issue.record("expected couldNotConnect, got \(error)"); return }
            #expect(reason.lowercased().contains("certificate"))
        }
    }

    @Test func clientCertificateForMutualTLS() throws {
        let certificates = try TestCertificates()
        let server = try FixtureServer(["--cert", certificates.serverCert, "--key", certificates.serverKey, "--client-ca", certificates.caFile])
        let request = HTTPRequest(method: .get, url: "https://127.0.0.1:\(server.port)/echo")
        var tls = TLSSettings()
        tls.caFile = certificates.caFile
        #expect(throws: HTTPError.self) { try HTTPClient(options: HTTPClientOptions(tls: tls)).send(request, deadline: deadline) }
        tls.certFile = certificates.clientCert
        tls.keyFile = certificates.clientKey
        let response = try HTTPClient(options: HTTPClientOptions(tls: tls)).send(request, deadline: deadline)
        #expect(try echo(response)["client_cert"] as? String == "gibson-hook-client")
    }

    @Test func authorizationNeverAppearsInErrors() throws {
        let server = try FixtureServer()
        let secret = "Bearer tok-SECRET-123"
        let client = HTTPClient(options: HTTPClientOptions())
        let targets = ["http://user:pw-SECRET@127.0.0.1:\(server.port)/drop", "http://127.0.0.1:1/refused?token=SECRET"]
        for url in targets {
            do {
                _ = try client.send(HTTPRequest(method: .post, url: url, headers: [HTTPHeader("Authorization", secret)], body: Data("{}".utf8)), deadline: deadline)
                Issue.record("expected an error from \(url)")
            } catch {
                #expect(!error.description.contains("SECRET"))
                #expect(!"\(error)".contains("SECRET"))
            }
        }
    }

    @Test func slowServerIsAnUnknownOutcome() throws {
        let server = try FixtureServer()
        let client = HTTPClient(options: HTTPClientOptions(connectTimeout: 2, requestTimeout: 0.5))
        do {
            _ = try client.send(HTTPRequest(method: .post, url: "http://127.0.0.1:\(server.port)/slow?s=3", body: Data("{}".utf8)), deadline: deadline)
            Issue.record("expected a timeout")
        } catch {
            guard case .timedOut = error else { Issue.record("expected timedOut, got \(error)"); return }
        }
    }

    @Test func refusedConnectionIsCouldNotConnect() {
        let client = HTTPClient(options: HTTPClientOptions())
        do {
            _ = try client.send(HTTPRequest(method: .get, url: "http://127.0.0.1:1/"), deadline: deadline)
            Issue.record("expected an error")
        } catch {
            guard case .couldNotConnect = error else { Issue.record("expected couldNotConnect, got \(error)"); return }
        }
    }

    @Test func passedDeadlineSendsNothing() {
        let client = HTTPClient(options: HTTPClientOptions())
        #expect(throws: HTTPError.deadlineExceeded(url: "http://127.0.0.1:1/")) {
            try client.send(HTTPRequest(method: .get, url: "http://127.0.0.1:1/"), deadline: Date().addingTimeInterval(-1))
        }
    }
}
