import Foundation
import Testing
@testable import GibsonHookCore

@Suite struct SinkSecretsTests {
    @Test func everyConfiguredSecretIsCollected() {
        var auth = AuthSettings()
        auth.kind = .basic
        auth.username = "svc"
        auth.passwordEnv = "SINK_PASSWORD"
        let environment = ProcessEnvironment(["SINK_PASSWORD": "pw-from-env-1"])
        let values = SinkSecrets.values(auth: auth, url: "https://u:url-pass@h.test/p?apikey=q-key-123&x=1", environment: environment)
        let encoded = Data("svc:pw-from-env-1".utf8).base64EncodedString()
        #expect(Set(values) == ["Basic " + encoded, encoded, "pw-from-env-1", "url-pass", "q-key-123"])
    }

    @Test func secretsAndCredentialShapedTextAreMasked() {
        let text = #"HTTP 401: {"echo":"Authorization: Bearer abcdefghijklmnopqrstuvwxyz","password":"hunter22","q":"api_key=zz9"}"#
        #expect(SinkSecrets.redact(text, secrets: ["hunter22"])
            == #"HTTP 401: {"echo":"Authorization: <redacted>","password":"<redacted>","q":"api_key=<redacted>"}"#)
        #expect(SinkSecrets.redact("HTTP 503: basic authentication is unavailable", secrets: [])
            == "HTTP 503: basic authentication is unavailable")
    }
}
