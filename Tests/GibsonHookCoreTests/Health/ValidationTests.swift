import Foundation
import Testing
@testable import GibsonHookCore

@Suite struct ValidationTests {
    struct WiringStub: HookWiringInspector {
        func findings(environment: ProcessEnvironment) -> [ValidationFinding] {
            [ValidationFinding(severity: .error, area: "hooks", message: "pre-commit is not installed: run 'gibson-hook install'")]
        }
    }

    @Test func everyProblemIsCollectedIncludingTheHooksSeam() throws {
        let sandbox = try HealthSandbox()
        sandbox.configuration.infrastructure.services = []
        sandbox.configuration.gibson.recovery.wait = .seconds(60)
        let report = Validation(clock: FakeClock(), runner: FakeRunner { _ in failing }, hooks: WiringStub()).run(sandbox.options)
        #expect(!report.passed)
        #expect(report.findings.map(\.area) == ["config", "gibson", "hooks"])
        #expect(report.findings[0].severity == .warning)
        #expect(report.findings[0].message.contains("recovery.wait (1m) is longer than hooks.preCommit.timeout (45s)"))
        #expect(report.findings[1].message.hasPrefix("gibson is unhealthy: non-zero-exit"))
    }

    @Test func warningsAloneStillPass() throws {
        let sandbox = try HealthSandbox()
        sandbox.configuration.infrastructure.services = []
        sandbox.configuration.gibson.recovery.wait = .seconds(60)
        let report = Validation(clock: FakeClock(), runner: FakeRunner { _ in healthy }, hooks: nil).run(sandbox.options)
        #expect(report.passed)
        #expect(report.findings.count == 1)
    }

    /// What the loader lets through but cannot work: no probe, a zero timeout, an empty restart command.
    @Test func configurationThatCannotWorkIsAnError() {
        var configuration = Configuration()
        configuration.gibson.probes = []
        configuration.gibson.timeout = .seconds(0)
        configuration.gibson.recovery.restartCommand = []
        #expect(ConfigurationAudit.findings(configuration).map(\.message) == [
            "gibson.probes is empty: add at least one probe (e.g. 'help')",
            "gibson.timeout must be longer than 0s",
            "recovery.restartCommand is an empty argv list",
        ])
    }
}
