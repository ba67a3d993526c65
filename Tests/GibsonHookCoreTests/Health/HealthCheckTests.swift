import Foundation
import Testing
@testable import GibsonHookCore

@Suite struct HealthCheckTests {
    @Test func aHealthyResultIsCachedAndTheSecondCheckDoesNotProbe() throws {
        let sandbox = try HealthSandbox()
        let runner = FakeRunner { _ in healthy }
        let clock = FakeClock()
        let check = HealthCheck(runner: runner, clock: clock)
        let first = check.run(configuration: sandbox.configuration, environment: sandbox.environment, statePaths: sandbox.statePaths, noCache: false)
        let second = check.run(configuration: sandbox.configuration, environment: sandbox.environment, statePaths: sandbox.statePaths, noCache: false)
        #expect(first.healthy && !first.fromCache)
        #expect(second.healthy && second.fromCache)
        #expect(runner.requests.count == 1)
        #expect(runner.requests[0].executable == sandbox.gibsonPath)
        #expect(runner.requests[0].arguments == ["help"])
    }

    @Test func noCacheAndExpiryProbeAgain() throws {
        let sandbox = try HealthSandbox()
        let runner = FakeRunner { _ in healthy }
        let clock = FakeClock()
        let check = HealthCheck(runner: runner, clock: clock)
        func run(_ noCache: Bool) -> HealthReport {
            check.run(configuration: sandbox.configuration, environment: sandbox.environment, statePaths: sandbox.statePaths, noCache: noCache)
        }
        _ = run(false)
        _ = run(true)
        #expect(runner.requests.count == 2)
        clock.advance(sandbox.configuration.gibson.cacheTTL.seconds - 1)
        #expect(run(false).fromCache)
        clock.advance(2)
        #expect(!run(false).fromCache)
        #expect(runner.requests.count == 3)
    }

    @Test func replacingTheExecutableOrItsConfigInvalidatesTheCache() throws {
        let sandbox = try HealthSandbox()
        let runner = FakeRunner { _ in healthy }
        let check = HealthCheck(runner: runner, clock: FakeClock())
        func run() -> HealthReport {
            check.run(configuration: sandbox.configuration, environment: sandbox.environment, statePaths: sandbox.statePaths, noCache: false)
        }
        _ = run()
        try sandbox.writeGibson("#!/bin/sh\n# a different build\nexit 0\n")
        #expect(!run().fromCache)
        try "{}".write(toFile: sandbox.gibsonState + "/config", atomically: true, encoding: .utf8)
        #expect(!run().fromCache)
        sandbox.configuration.gibson.probes[0].argv = ["version"]
        #expect(!run().fromCache)
        #expect(runner.requests.count == 4)
    }

    @Test func failuresAreNotCachedAndClearAHealthyEntry() throws {
        let sandbox = try HealthSandbox()
        var answer = healthy
        let runner = FakeRunner { _ in answer }
        let check = HealthCheck(runner: runner, clock: FakeClock())
        func run() -> HealthReport {
            check.run(configuration: sandbox.configuration, environment: sandbox.environment, statePaths: sandbox.statePaths, noCache: false)
        }
        _ = run()
        _ = run() // cached
        // The cache is keyed on the executable's stamp, so a failure seen with --no-cache clears it.
        answer = failing
        let failed = check.run(configuration: sandbox.configuration, environment: sandbox.environment, statePaths: sandbox.statePaths, noCache: true)
        #expect(failed.failure == .nonZeroExit)
        #expect(failed.summary.contains("boom"))
        let again = run()
        #expect(!again.healthy && !again.fromCache)
        #expect(runner.requests.count == 3)
    }

    @Test func aMissingExecutableIsDiagnosedWithoutRunningAnything() throws {
        let sandbox = try HealthSandbox()
        sandbox.configuration.gibson.command = "no-such-gibson"
        let runner = FakeRunner()
        let report = HealthCheck(runner: runner, clock: FakeClock()).run(
            configuration: sandbox.configuration, environment: sandbox.environment, statePaths: sandbox.statePaths, noCache: false)
        #expect(report.failure == .missingExecutable)
        #expect(report.summary.contains("'no-such-gibson'"))
        #expect(runner.requests.isEmpty)
    }

    @Test func theEnvironmentVariableWinsOverTheConfiguredCommand() throws {
        let sandbox = try HealthSandbox()
        sandbox.configuration.gibson.command = "no-such-gibson"
        var environment = sandbox.environment
        environment["GIBSON_HOOK_GIBSON"] = sandbox.gibsonPath
        #expect(GibsonLocation(configuration: sandbox.configuration, environment: environment).resolvedPath == sandbox.gibsonPath)
    }

    @Test func timeoutsUnexpectedOutputAndCorruptConfigAreDiagnosed() throws {
        let sandbox = try HealthSandbox()
        sandbox.configuration.gibson.probes = [ProbeSpec(name: "version", kind: .command, argv: ["--version"], expectOutput: "0.9")]
        var answer = ProcessResult(termination: .signalled(9), timedOut: true)
        let prober = HealthProber(runner: FakeRunner { _ in answer }, environment: sandbox.environment)
        let location = GibsonLocation(configuration: sandbox.configuration, environment: sandbox.environment)
        #expect(prober.checkGibson(sandbox.configuration, location: location, now: Date()).failure == .timeout)
        answer = healthy
        #expect(prober.checkGibson(sandbox.configuration, location: location, now: Date()).failure == .unexpectedOutput)
        answer = failing
        try "{not json".write(toFile: sandbox.gibsonState + "/config", atomically: true, encoding: .utf8)
        #expect(prober.checkGibson(sandbox.configuration, location: location, now: Date()).failure == .badConfiguration)
    }
}
