import Foundation
import Testing
@testable import GibsonHookCore

/// `GibsonSupervisor`'s policy, budget and backoff with fake children and a fake clock.
@Suite struct GibsonSupervisorTests {
    /// A child that has ended as `ending` (nil: runs until stopped).
    final class FakeChild: SupervisedChild {
        let pid: Int32
        var ending: ProcessTermination?
        private(set) var stopped = false
        init(pid: Int32, ending: ProcessTermination?) { self.pid = pid; self.ending = ending }
        func poll() -> ProcessTermination? { ending }
        func stop(grace: Double) -> ProcessTermination {
            stopped = true
            return ending ?? .signalled(SIGTERM)
        }
    }

    /// Hands out children that end as the next entry of `endings`.
    final class FakeLauncher: ChildLauncher {
        var endings: [ProcessTermination?]
        let clock: FakeClock?
        private(set) var launched: [FakeChild] = []
        /// When each child was launched, by `clock`.
        private(set) var launchedAt: [Date] = []
        init(_ endings: [ProcessTermination?], clock: FakeClock? = nil) { self.endings = endings; self.clock = clock }
        func launch(_ argv: [String], environment: ProcessEnvironment, logFile: String) throws -> any SupervisedChild {
            let child = FakeChild(pid: Int32(100 + launched.count), ending: endings.isEmpty ? nil : endings.removeFirst())
            launched.append(child)
            if let clock { launchedAt.append(clock.now()) }
            return child
        }
    }

    static func supervisor(
        _ policy: RestartPolicy, maxRetries: Int, launcher: FakeLauncher, clock: FakeClock, startTimeout: DurationValue = .seconds(0)
    ) -> GibsonSupervisor? {
        var configuration = Configuration()
        configuration.gibson.process.startTimeout = startTimeout
        configuration.gibson.process.command = ["gibson-server"]
        configuration.gibson.restartPolicy = policy
        configuration.gibson.maxRetries = maxRetries
        configuration.gibson.recovery.backoff = .seconds(1)
        let environment = ProcessEnvironment([:])
        return GibsonSupervisor(
            configuration: configuration, environment: environment, statePaths: StatePaths(directory: NSTemporaryDirectory() + "gh-supervisor"),
            launcher: launcher, clock: clock,
            emitter: GibsonEventEmitter(recorder: nil, configuration: configuration, environment: environment, clock: clock))
    }

    @Test func restartDecisionsFollowThePolicy() {
        #expect(GibsonSupervisor.restarts(after: .exited(0), policy: .always))
        #expect(GibsonSupervisor.restarts(after: .exited(3), policy: .always))
        #expect(!GibsonSupervisor.restarts(after: .exited(0), policy: .onFailure))
        #expect(GibsonSupervisor.restarts(after: .exited(3), policy: .onFailure))
        #expect(GibsonSupervisor.restarts(after: .signalled(SIGKILL), policy: .onFailure))
        #expect(!GibsonSupervisor.restarts(after: .exited(3), policy: .never))
    }

    @Test func noCommandMeansNoSupervisor() {
        var configuration = Configuration()
        configuration.gibson.process.command = []
        let clock = FakeClock()
        #expect(GibsonSupervisor(
            configuration: configuration, environment: ProcessEnvironment([:]), statePaths: StatePaths(directory: "/tmp"),
            launcher: FakeLauncher([]), clock: clock,
            emitter: GibsonEventEmitter(recorder: nil, configuration: configuration, environment: ProcessEnvironment([:]), clock: clock)) == nil)
    }

    @Test func restartsBackOffDoublingUntilMaxRetriesIsSpent() throws {
        let clock = FakeClock()
        let launcher = FakeLauncher([.exited(1), .exited(1), .exited(1), .exited(1), .exited(1)], clock: clock)
        let supervisor = try #require(Self.supervisor(.onFailure, maxRetries: 3, launcher: launcher, clock: clock))
        supervisor.begin()
        // The backoff sleeps count against the wait between rounds: 1 + 2 + 4 s fit in 10 s. They are slept
        // in slices no longer than the poll interval, so a stop request cuts them short.
        supervisor.wait(seconds: 10)
        #expect(launcher.launched.count == 4)
        let gaps = zip(launcher.launchedAt.dropFirst(), launcher.launchedAt).map { ($0.timeIntervalSince($1) * 1000).rounded() / 1000 }
        // The first exit is seen at once; each later one a poll interval after its start.
        #expect(gaps == [1, 2 + GibsonSupervisor.pollInterval, 4 + GibsonSupervisor.pollInterval])
        #expect(clock.sleeps.allSatisfy { $0 <= GibsonSupervisor.pollInterval })
        #expect(supervisor.gaveUp)
    }

    @Test func aProcessThatLivesThroughAHealthyRoundResetsTheCount() throws {
        let clock = FakeClock()
        // Crashes once, then runs through a healthy round, then crashes again: the budget of one is fresh.
        let launcher = FakeLauncher([.exited(1), nil, .exited(1)])
        let supervisor = try #require(Self.supervisor(.onFailure, maxRetries: 1, launcher: launcher, clock: clock))
        supervisor.begin()
        supervisor.wait(seconds: 0.1)
        #expect(launcher.launched.count == 2)
        supervisor.roundBegins()
        supervisor.roundEnded(healthy: true)
        launcher.launched[1].ending = .exited(1)
        supervisor.wait(seconds: 0.1)
        #expect(launcher.launched.count == 3)
        #expect(!supervisor.gaveUp)
    }

    @Test func failedProbesRestartARunningProcessUnlessThePolicyIsNever() throws {
        for (policy, starts) in [(RestartPolicy.always, 2), (.onFailure, 2), (.never, 1)] {
            let launcher = FakeLauncher([nil, nil])
            let supervisor = try #require(Self.supervisor(policy, maxRetries: 3, launcher: launcher, clock: FakeClock()))
            supervisor.begin()
            supervisor.roundBegins()
            supervisor.roundEnded(healthy: false)
            #expect(launcher.launched.count == starts, "\(policy)")
        }
    }

    @Test func withNoRestartLeftAFailingProcessIsLeftRunning() throws {
        let launcher = FakeLauncher([nil])
        let supervisor = try #require(Self.supervisor(.onFailure, maxRetries: 0, launcher: launcher, clock: FakeClock()))
        supervisor.begin()
        supervisor.roundBegins()
        supervisor.roundEnded(healthy: false)
        #expect(launcher.launched.count == 1)
        #expect(supervisor.gaveUp)
        #expect(!launcher.launched[0].stopped)
    }

    @Test func withinTheStartTimeoutFailingRoundsNeitherRestartNorCountUntilAHealthyRoundEndsTheGrace() throws {
        let clock = FakeClock()
        let launcher = FakeLauncher([nil, nil])
        let supervisor = try #require(Self.supervisor(.always, maxRetries: 3, launcher: launcher, clock: clock, startTimeout: .seconds(10)))
        supervisor.begin()
        #expect(supervisor.isStarting)
        supervisor.roundBegins()
        supervisor.roundEnded(healthy: false, starting: true)
        #expect(launcher.launched.count == 1)
        #expect(!launcher.launched[0].stopped)
        clock.advance(10)
        #expect(!supervisor.isStarting)
        supervisor.roundBegins()
        supervisor.roundEnded(healthy: false)
        #expect(launcher.launched.count == 2)
        // The new process has a grace of its own, which its first healthy round ends.
        #expect(supervisor.isStarting)
        supervisor.roundBegins()
        supervisor.roundEnded(healthy: true)
        #expect(!supervisor.isStarting)
    }

    @Test func aHealthyRoundClearsAGiveUpSoALaterCrashIsRestarted() throws {
        let clock = FakeClock()
        let launcher = FakeLauncher([nil, nil], clock: clock)
        let supervisor = try #require(Self.supervisor(.onFailure, maxRetries: 0, launcher: launcher, clock: clock))
        supervisor.begin()
        supervisor.roundBegins()
        supervisor.roundEnded(healthy: false)
        #expect(supervisor.gaveUp)
        supervisor.roundBegins()
        supervisor.roundEnded(healthy: true)
        #expect(!supervisor.gaveUp)
    }
}
