import Foundation
import Testing
@testable import GibsonHookCore

/// TCP and HTTP probes against local listeners, through `infra-ready` and `validate`.
@Suite struct ProbeIntegrationTests {
    @Test func httpServicesAreUpOnlyWithTheExpectedStatus() throws {
        let sandbox = try TemporaryGitRepository()
        let server = try StatusServer(status: 204)
        let services = "infrastructure.services=[{name: ok, host: 127.0.0.1, port: \(server.listener.port), url: '\(server.url)', expectStatus: 204}, {name: wrong, host: 127.0.0.1, port: \(server.listener.port), url: '\(server.url)'}]"
        let result = try sandbox.gibsonHook(
            ["infra-ready", "--json", "--set", services, "--set", "gibson.autoStart=false"])
        let report = try HealthFixtures.json(result)
        let statuses = report["services"]?.arrayValue ?? []
        #expect(statuses.compactMap { $0["status"]?.stringValue } == ["up", "down"], "\(result.stdout)\(result.stderr)")
        #expect(statuses.last?["error"]?.stringValue?.contains("answered 204, expected 200") == true)
        #expect(result.status == 1)
    }

    @Test func validateReportsUnreachableSinksAndPassesWhenAllIsWell() throws {
        let sandbox = try TemporaryGitRepository()
        let fake = sandbox.sandbox.appendingPathComponent("bin/gibson")
        try HealthFixtures.script(fake, "echo 'gibson 0.8.12'")
        let listener = try TCPListener()
        let environment = ["GIBSON_HOOK_GIBSON": fake.path]
        let common = ["--set", "infrastructure.services=[{name: web, host: 127.0.0.1, port: \(listener.port)}]"]
        #expect(try sandbox.gibsonHook(["install"]).status == 0)
        let down = try sandbox.gibsonHook(
            ["validate", "--json", "--set", "sinks.cloudEvents.url=http://127.0.0.1:1/events"] + common, extraEnvironment: environment)
        #expect(down.status == 1)
        let findings = try HealthFixtures.json(down)["findings"]?.arrayValue ?? []
        #expect(findings.count == 1)
        #expect(findings.first?["area"] == "sinks")
        #expect(findings.first?["message"]?.stringValue?.hasPrefix("sink cloudevents at 'http://127.0.0.1:1/events' is unreachable") == true)

        let up = try sandbox.gibsonHook(
            ["validate", "--set", "sinks.cloudEvents.url=http://127.0.0.1:\(listener.port)/events"] + common, extraEnvironment: environment)
        #expect(up.status == 0, "\(up.stdout)\(up.stderr)")
        #expect(up.stdout == "gibson: healthy\nvalidation passed\n")
    }

    @Test func validateReportsHooksThatAreNotWiredUntilTheyAre() throws {
        let sandbox = try TemporaryGitRepository()
        let fake = sandbox.sandbox.appendingPathComponent("bin/gibson")
        try HealthFixtures.script(fake, "echo 'gibson 0.8.12'")
        let environment = ["GIBSON_HOOK_GIBSON": fake.path]
        let noServices = ["--set", "infrastructure.services=[]"]
        let unwired = try sandbox.gibsonHook(["validate", "--json"] + noServices, extraEnvironment: environment)
        #expect(unwired.status == 1)
        let findings = try HealthFixtures.json(unwired)["findings"]?.arrayValue ?? []
        #expect(findings.contains { $0["area"] == "hooks" && $0["message"]?.stringValue?.hasPrefix("pre-commit is not wired") == true })

        #expect(try sandbox.gibsonHook(["install"]).status == 0)
        let wired = try sandbox.gibsonHook(["validate", "--json"] + noServices, extraEnvironment: environment)
        #expect(wired.status == 0, "\(wired.stdout)\(wired.stderr)")
        #expect((try HealthFixtures.json(wired)["findings"]?.arrayValue ?? []).isEmpty)
    }

    @Test func validateReportsConfigurationProblemsAsAnnotations() throws {
        let sandbox = try TemporaryGitRepository()
        let result = try sandbox.gibsonHook(
            ["validate", "--set", "gibson.maxRetries=-4"], extraEnvironment: ["GITHUB_ACTIONS": "true"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("::error title=gibson-hook config::"))
        #expect(result.stdout.contains("maxRetries"))
    }
}
