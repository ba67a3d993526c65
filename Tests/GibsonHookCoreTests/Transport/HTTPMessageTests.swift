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

    @Test func pathSegmentsEncodeEverythingButUnreserved() {
        #expect(SinkResponses.pathSegment("a b/c~d.e_f-g%") == "a%20b%2Fc~d.e_f-g%25")
    }
}
