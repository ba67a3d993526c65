import Foundation
import Testing
@testable import GibsonHookCore

@Suite struct HookRunnerTests {
    let fixture: HookRunnerFixture
    init() throws { fixture = try HookRunnerFixture() }

    func sinkConfigured() -> Configuration {
        var configuration = Configuration()
        configuration.sinks.cloudEvents.url = "http://127.0.0.1:9/events"
        return configuration
    }

    @Test func preCommitPassesWhenTheGatePassesAndStoresNothing() throws {
        let result = fixture.run(.preCommit)
        #expect(result.exitCode == .success)
        #expect(fixture.gateCalls == 1)
        #expect(try fixture.storedTypes().isEmpty)
    }

    @Test func preCommitBlocksWhenTheGateFails() {
        fixture.gatePasses = false
        let result = fixture.run(.preCommit)
        #expect(result.exitCode == .failure)
        #expect(result.gate?.remedies.last?.contains("GIBSON_HOOK=0 git commit") == true)
    }

    @Test func disabledGateSkipsPreCommit() {
        var configuration = Configuration()
        configuration.hooks.preCommit.enabled = false
        fixture.gatePasses = false
        #expect(fixture.run(.preCommit, configuration: configuration).exitCode == .success)
        #expect(fixture.gateCalls == 0)
    }

    @Test func postCommitStoresTheCommitEventWithoutASinkAndLaunchesNothing() throws {
        let result = fixture.run(.postCommit, environment: ["CI": "true"])
        #expect(result.exitCode == .success)
        #expect(try fixture.storedTypes() == ["ai.gibson.hook.git.commit"])
        let data = result.recorded[0].event.data
        #expect(data?["sha"]?.stringValue == String(repeating: "b", count: 40))
        #expect(data?["branch"]?.stringValue == "main")
        #expect(data?["changedFiles"]?.arrayValue?.first?["path"]?.stringValue == "dir/a b.txt")
        #expect(data?["metadata"]?["hook"]?.stringValue == "post-commit")
        #expect(data?["metadata"]?["ci"]?["provider"]?.stringValue == "generic")
        #expect(result.delivery == .noSinkConfigured)
        #expect(fixture.launcher.launches == 0)
        #expect(fixture.gateCalls == 0)
    }

    @Test func postCommitLaunchesBackgroundDeliveryWhenASinkIsConfigured() {
        #expect(fixture.run(.postCommit, configuration: sinkConfigured()).delivery == .started(pid: 4242))
        #expect(fixture.launcher.launches == 1)
    }

    @Test func openBreakerSkipsTheBackgroundFlush() {
        let until = Date().addingTimeInterval(60).timeIntervalSince1970
        fixture.outbox.setValue("5 \(until)", for: "breaker.http://127.0.0.1:9")
        #expect(fixture.run(.postCommit, configuration: sinkConfigured()).delivery == .breakerOpen(endpoints: ["http://127.0.0.1:9"]))
        #expect(fixture.launcher.launches == 0)
    }

    @Test func backgroundDeliveryCanBeTurnedOff() {
        var configuration = sinkConfigured()
        configuration.hooks.backgroundDelivery = false
        #expect(fixture.run(.postCommit, configuration: configuration).delivery == .disabled)
        #expect(fixture.launcher.launches == 0)
    }

    @Test func failingPostCommitActionIsReportedNotFatal() {
        var configuration = Configuration()
        configuration.hooks.postCommitActions = [["gibson", "schema", "validate"], []]
        fixture.runner.status = 2
        let result = fixture.run(.postCommit, configuration: configuration, environment: ["GIT_INDEX_FILE": "/x/index"])
        #expect(result.exitCode == .success)
        #expect(result.actions.count == 1)
        #expect(result.actions[0].status == 2)
        #expect(result.actions[0].failure?.contains("no such schema") == true)
        #expect(fixture.runner.requests.first?.executable == "gibson")
        #expect(fixture.runner.requests.first?.keepGitLocalVariables == false)
    }

    @Test func prePushRecordsTheRefsAndGatesOnlyWhenConfigured() throws {
        let stdin = "refs/heads/main \(String(repeating: "c", count: 40)) refs/heads/main \(HookInput.zeroId)\n"
        let result = fixture.run(.prePush, ["origin", "https://user:secret@example.com/demo.git"], stdin: stdin)
        #expect(fixture.gateCalls == 0)
        let data = result.recorded.first?.event.data
        #expect(result.recorded.first?.event.type == "ai.gibson.hook.git.push")
        #expect(data?["url"]?.stringValue == "https://example.com/demo.git")
        #expect(data?["updates"]?.arrayValue?.first?["kind"]?.stringValue == "create")

        var configuration = Configuration()
        configuration.hooks.prePushHealthGate = true
        fixture.gatePasses = false
        #expect(fixture.run(.prePush, ["origin", "x"], stdin: stdin, configuration: configuration).exitCode == .failure)
        #expect(fixture.gateCalls == 1)
    }

    @Test func checkoutOfABranchIsAContextSwitchAndOfFilesEmitsNothing() throws {
        #expect(fixture.run(.postCheckout, ["a", "b", "0"]).recorded.isEmpty)
        let result = fixture.run(.postCheckout, ["a", "b", "1"])
        #expect(result.recorded.map(\.event.type) == ["ai.gibson.hook.git.context-switch"])
        #expect(result.recorded[0].event.data?["previousHead"]?.stringValue == "a")
    }

    @Test func mergeAndRewriteRecordTheirEvents() throws {
        #expect(fixture.run(.postMerge, ["1"]).recorded.first?.event.data?["squash"] == .bool(true))
        let rewrite = fixture.run(.postRewrite, ["amend"], stdin: "aaa bbb\nccc ddd extra\n\nbad\n")
        let data = rewrite.recorded.first?.event.data
        #expect(data?["command"]?.stringValue == "amend")
        #expect(data?["rewritesTotal"] == .integer(2))
        #expect(data?["rewrites"]?.arrayValue?.last?["new"]?.stringValue == "ddd")
    }

    @Test func unreadableRepositoryIsAWarningNotAFailure() {
        let runner = HookRunner(HookRunner.Collaborators(
            readContext: { _, _, _ in throw HookInstallError.notARepository("/nowhere") },
            openOutbox: { [fixture] in fixture.outbox }, gate: { _ in fatalError("no gate in post-commit") },
            eventFactory: { _ in fatalError("no event without a repository") }, launcher: fixture.launcher, runner: fixture.runner, clock: SystemClock()))
        let result = runner.run(HookRunOptions(
            hook: .postCommit, configuration: Configuration(), environment: ProcessEnvironment(),
            workingDirectory: "/nowhere", statePaths: StatePaths(directory: "/nonexistent")))
        #expect(result.exitCode == .success)
        #expect(result.recordFailure?.contains("not inside a git repository") == true)
    }
}

@Suite struct DetachedFlushLauncherTests {
    @Test func inheritedDescriptorsDoNotReachTheDetachedFlush() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]); close(ends[1]) }
        #expect(fcntl(ends[1], F_GETFD) & FD_CLOEXEC == 0)
        // Only this test's own descriptors: the test process runs other tests' children concurrently.
        DetachedFlushLauncher.markCloseOnExec([2, ends[0], ends[1]])
        #expect(fcntl(ends[0], F_GETFD) & FD_CLOEXEC != 0)
        #expect(fcntl(ends[1], F_GETFD) & FD_CLOEXEC != 0)
        #expect(fcntl(2, F_GETFD) & FD_CLOEXEC == 0)
    }
}
