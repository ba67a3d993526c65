import Foundation
import Testing
@testable import GibsonHookCore

/// `gibson-hook health` against the real gibson-cli and against broken stand-ins.
@Suite struct HealthCommandTests {
    @Test func realGibsonIsHealthyAndTheSecondCheckComesFromTheCache() throws {
        let sandbox = try TemporaryGitRepository()
        _ = try HealthFixtures.realGibson()
        try sandbox.allowSlowRealGibson()
        let first = try sandbox.gibsonHook(["health", "--json"])
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        let report = try HealthFixtures.json(first)
        #expect(report["healthy"] == true)
        #expect(report["cached"] == false)
        #expect(report["probes"]?.arrayValue?.first?["detail"]?.stringValue?.contains("gibson help") == true)
        let second = try sandbox.gibsonHook(["health", "--json"])
        #expect(second.status == 0)
        #expect(try HealthFixtures.json(second)["cached"] == true)
        let human = try sandbox.gibsonHook(["health"])
        #expect(human.stdout == "gibson: healthy (cached)\n")
    }

    @Test func aFailingExecutableIsUnhealthyWithTheReasonAndHowToSkip() throws {
        let sandbox = try TemporaryGitRepository()
        let broken = sandbox.sandbox.appendingPathComponent("bin/gibson")
        try HealthFixtures.script(broken, "echo 'gibson: database is gone' >&2\nexit 4")
        let result = try sandbox.gibsonHook(["health"], extraEnvironment: ["GIBSON_HOOK_GIBSON": broken.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("non-zero-exit: 'gibson help' exited with status 4: gibson: database is gone"))
        #expect(result.stderr.contains("GIBSON_HOOK=0 git commit"))
    }

    @Test func aHangingExecutableIsKilledWithItsGrandchildrenAtTheTimeout() throws {
        let sandbox = try TemporaryGitRepository()
        let pidFile = sandbox.sandbox.appendingPathComponent("grandchild.pid")
        let hanging = sandbox.sandbox.appendingPathComponent("bin/gibson")
        try HealthFixtures.script(hanging, "sh -c 'trap \"\" TERM; sleep 120' &\necho $! > \(pidFile.path)\nsleep 120")
        let result = try sandbox.gibsonHook(
            ["health", "--json", "--timeout", "1s"], extraEnvironment: ["GIBSON_HOOK_GIBSON": hanging.path])
        #expect(result.status == 1)
        let report = try HealthFixtures.json(result)
        #expect(report["failure"] == "timeout")
        let pid = pid_t(try String(contentsOf: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines))!
        #expect(HealthFixtures.isGone(pid), "grandchild \(pid) outlived the timeout")
    }

    @Test func aMissingExecutableIsReported() throws {
        let sandbox = try TemporaryGitRepository()
        let result = try sandbox.gibsonHook(["health", "--json"], extraEnvironment: ["GIBSON_HOOK_GIBSON": "/nonexistent/gibson"])
        #expect(result.status == 1)
        #expect(try HealthFixtures.json(result)["failure"] == "missing-executable")
    }
}
