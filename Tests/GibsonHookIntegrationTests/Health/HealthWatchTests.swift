import Foundation
import Testing
@testable import GibsonHookCore

/// `gibson-hook health --watch`: monitoring every healthCheckInterval, with recovery when Gibson breaks.
@Suite struct HealthWatchTests {
    @Test func aBrokenGibsonIsRecoveredByTheWatchAndEveryRoundIsRecorded() throws {
        let sandbox = try TemporaryGitRepository()
        let marker = sandbox.sandbox.appendingPathComponent("repaired")
        let gibson = sandbox.sandbox.appendingPathComponent("bin/gibson")
        try HealthFixtures.script(gibson, "if [ -f '\(marker.path)' ]; then echo 'gibson 0.8.12'; else echo broken >&2; exit 3; fi")
        let result = try sandbox.gibsonHook(
            [
                "health", "--watch", "--rounds", "2", "--json",
                "--set", "gibson.healthCheckInterval=1s",
                "--set", "gibson.recovery.restartCommand=[touch, '\(marker.path)']",
                "--set", "gibson.recovery.backoff=100ms",
            ],
            extraEnvironment: ["GIBSON_HOOK_GIBSON": gibson.path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let rounds = try result.stdout.split(separator: "\n").map { try JSONValue.parse(String($0)) }
        #expect(rounds.count == 2)
        // Round one: the probe failed, local recovery ran the restart command and Gibson came back.
        #expect(rounds.first?["report"]?["healthy"] == false)
        #expect(rounds.first?["recovery"]?["passed"] == true)
        #expect(rounds.first?["recovery"]?["recovery"]?["path"] == "local")
        #expect(rounds.first?["healthy"] == true)
        // Round two: healthy without recovery.
        #expect(rounds.last?["report"]?["healthy"] == true)
        #expect(rounds.last?["recovery"] == nil)

        let list = try sandbox.gibsonHook(["outbox", "list", "--json"])
        let types = (try JSONValue.parse(list.stdoutData).arrayValue ?? []).compactMap { $0["type"]?.stringValue }
        #expect(types.filter { $0 == "ai.gibson.hook.gibson.health-check" }.count >= 2)
        #expect(types.contains("ai.gibson.hook.gibson.recovery"))
    }

    @Test func roundsMustBePositive() throws {
        let sandbox = try TemporaryGitRepository()
        let result = try sandbox.gibsonHook(["health", "--watch", "--rounds", "0"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--rounds must be at least 1"))
    }
}
