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
