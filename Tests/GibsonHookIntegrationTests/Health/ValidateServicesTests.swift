import Foundation
import GibsonHookCore
import Testing

/// `validate` and the design document's default services: assumptions when the user configured none.
@Suite struct ValidateServicesTests {
    /// A repository with the hooks wired and a healthy fake gibson, so only services can fail.
    func sandbox() throws -> TemporaryGitRepository {
        let repo = try TemporaryGitRepository()
        try HealthFixtures.script(repo.sandbox.appendingPathComponent("bin/gibson"), "echo 'gibson 0.8.12'")
        repo.environment["GIBSON_HOOK_GIBSON"] = repo.sandbox.path + "/bin/gibson"
        #expect(try repo.gibsonHook(["install"]).status == 0)
        return repo
    }

    @Test func defaultServicesThatAreDownAreWarningsThatSayHowToConfigureOrSilenceThem() throws {
        let repo = try sandbox()
        let result = try repo.gibsonHook(["validate"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try HealthFixtures.json(try repo.gibsonHook(["validate", "--json"]))
        let down = (report["services"]?.arrayValue ?? []).filter { $0["status"]?.stringValue == "down" }
        let expected = down.map { service -> String in
            let name = service["name"]?.stringValue ?? ""
            let error = service["error"]?.stringValue ?? ""
            return "gibson-hook: warning: [services] service '\(name)' is down: \(error) (a default service, not configured: "
                + "list yours in infrastructure.services, or set 'infrastructure.services: []' to check none)\n"
        }.joined()
        #expect(result.stderr == expected)
        #expect(!result.stderr.contains("error:"))
    }

    @Test func aConfiguredServiceThatIsDownStaysAnError() throws {
        let repo = try sandbox()
        let result = try repo.gibsonHook(["validate", "--set", "infrastructure.services=[{name: db, host: 127.0.0.1, port: 1}]"])
        #expect(result.status == 1)
        #expect(result.stderr == "gibson-hook: error: [services] service 'db' is down: 127.0.0.1:1 refused the connection\n")
    }
}

/// `infra-ready` says when the services it checked are only the defaults.
@Suite struct InfraReadyDefaultServicesTests {
    @Test func infraReadyWarnsThatDownServicesAreTheUnconfiguredDefaults() throws {
        let repo = try TemporaryGitRepository()
        try HealthFixtures.script(repo.sandbox.appendingPathComponent("bin/gibson"), "echo 'gibson 0.8.12'")
        repo.environment["GIBSON_HOOK_GIBSON"] = repo.sandbox.path + "/bin/gibson"
        let result = try repo.gibsonHook(["infra-ready"])
        let report = try HealthFixtures.json(try repo.gibsonHook(["infra-ready", "--json"]))
        let anyDown = (report["services"]?.arrayValue ?? []).contains { $0["status"]?.stringValue == "down" }
        let warning = "gibson-hook: warning: these are the design document's default services (none configured): list yours in "
            + "infrastructure.services, or set 'infrastructure.services: []' to check none\n"
        #expect(result.stderr.hasPrefix(anyDown ? warning : ""), "\(result.stderr)")
        #expect(result.stderr.contains(warning) == anyDown)

        let configured = try repo.gibsonHook(["infra-ready", "--set", "infrastructure.services=[{name: db, host: 127.0.0.1, port: 1}]"])
        #expect(configured.status == 1)
        #expect(!configured.stderr.contains("default services"), "\(configured.stderr)")
    }
}
