import Testing
@testable import GibsonHookCore

/// The health cache's target identity is built from each probe's text. `identityText` writes it out without
/// reflection; it must stay exactly what `String(describing:)` gives, or an upgrade would invalidate every
/// cached healthy result (and block the next commit on a fresh probe).
@Suite struct ProbeSpecIdentityTests {
    @Test(arguments: [
        Configuration().gibson.probes[0],
        ProbeSpec(
            name: "mcp \"quoted\"", kind: .mcp, argv: ["mcp", "serve", "a\\b", "é\n"], executable: "/opt/gibson",
            exitCodes: [0, 2, -1], expectOutput: "ok", timeout: .milliseconds(250)),
        ProbeSpec(name: "port", kind: .tcp, exitCodes: [], host: "127.0.0.1", port: 8080, timeout: .seconds(90)),
        ProbeSpec(name: "web", kind: .http, url: "http://localhost:1/health", expectStatus: 204),
    ])
    func identityTextIsTheReflectedDescription(_ spec: ProbeSpec) {
        #expect(spec.identityText == String(describing: spec))
    }
}
