import Foundation
import Testing
@testable import GibsonHookCore

@Suite struct HTTPMessageTests {
    @Test func authorizationIsRedactedInDescriptions() {
        #expect(HTTPHeader("Authorization", "Bearer s3cret").description == "Authorization: <redacted>")
        #expect(HTTPHeader("Accept", "application/json").description == "Accept: application/json")
    }

    @Test func displayURLDropsCredentialsAndQuery() {
        #expect(HTTPError.displayURL("https://user:pw@proxy.example:8082/topics/a?access_token=x") == "https://proxy.example:8082/topics/a")
    }

    @Test func headerLookupIsCaseInsensitive() {
        let response = HTTPResponse(status: 429, headers: [HTTPHeader("retry-after", "3")])
        #expect(response.header("Retry-After") == "3")
    }
}

@Suite struct SinkResponsesTests {
    @Test func reasonPrefersJSONMessageAndTrimsLineBreaks() {
        #expect(SinkResponses.reason(HTTPResponse(status: 503, body: Data("overloaded\r\n".utf8))) == "HTTP 503: overloaded")
        #expect(SinkResponses.reason(HTTPResponse(status: 400, body: Data(#"{"code":3,"message":"bad"}"#.utf8))) == "HTTP 400: bad")
        #expect(SinkResponses.reason(HTTPResponse(status: 502)) == "HTTP 502")
    }

    @Test func reasonIsOneLineWithoutTerminalEscapesOrControlCharacters() {
        let body = "<html>\u{1B}[31mboom\u{1B}[0m\r\n  second\tline\u{07}\u{08}\u{202E}txet\n\u{1B}]0;title\u{07}</html>\n"
        #expect(SinkResponses.reason(HTTPResponse(status: 500, body: Data(body.utf8)))
            == "HTTP 500: <html>boom second linetxet </html>")
        let json = #"{"message":"bad\n\u001b[2Jrequest"}"#
        #expect(SinkResponses.reason(HTTPResponse(status: 400, body: Data(json.utf8))) == "HTTP 400: bad request")
        #expect(SinkResponses.truncate(String(repeating: "a\n", count: 400)).count == SinkResponses.reasonLimit + 1)
    }

    @Test func pathSegmentsEncodeEverythingButUnreserved() {
        #expect(SinkResponses.pathSegment("a b/c~d.e_f-g%") == "a%20b%2Fc~d.e_f-g%25")
    }
}
