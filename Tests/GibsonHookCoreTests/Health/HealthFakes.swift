import Foundation
@testable import GibsonHookCore

/// A ProcessRunner that answers from a closure and records every request.
final class FakeRunner: ProcessRunner, @unchecked Sendable {
    private(set) var requests: [ProcessRequest] = []
    var respond: (ProcessRequest) -> ProcessResult
    /// Advanced by `costSeconds` on every run, to model slow probes.
    var clock: FakeClock?
    var costSeconds = 0.0

    init(_ respond: @escaping (ProcessRequest) -> ProcessResult = { _ in ProcessResult(termination: .exited(0)) }) {
        self.respond = respond
    }

    func run(_ request: ProcessRequest) throws -> ProcessResult {
        requests.append(request)
        clock?.advance(costSeconds)
        return respond(request)
    }

    /// Runs whose argv ends with these arguments.
    func count(_ arguments: [String]) -> Int { requests.filter { $0.arguments == arguments }.count }
    /// Runs of `executable`.
    func count(executable: String) -> Int { requests.filter { $0.executable == executable }.count }
}

/// A clock that only moves when told or when something sleeps; records sleeps.
final class FakeClock: WallClock, @unchecked Sendable {
    private(set) var current = Date(timeIntervalSince1970: 1_800_000_000)
    private(set) var sleeps: [Double] = []
    func now() -> Date { current }
    func sleep(seconds: Double) {
        sleeps.append(seconds)
        current = current.addingTimeInterval(seconds)
    }
    func advance(_ seconds: Double) { current = current.addingTimeInterval(seconds) }
}

final class FakeStarter: WorkflowStarter {
    var answer: WorkflowStartResult
    private(set) var requests: [WorkflowRequest] = []
    init(_ answer: WorkflowStartResult) { self.answer = answer }
    func start(_ request: WorkflowRequest, deadline: Date) -> WorkflowStartResult {
        requests.append(request)
        return answer
    }
}

final class FakeRecorder: EventRecorder {
    private(set) var events: [OutboundEvent] = []
    func record(_ events: [OutboundEvent]) throws { self.events += events }
    var types: [String] { events.map(\.event.type) }
}

/// A sandbox with HOME, a state directory and an executable `gibson` on PATH (never run: the runner is fake).
final class HealthSandbox {
    let root: URL
    let environment: ProcessEnvironment
    let statePaths: StatePaths
    var configuration = Configuration()

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("gh-health-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("bin"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("home/.gibsonai"), withIntermediateDirectories: true)
        environment = ProcessEnvironment(["PATH": root.path + "/bin", "HOME": root.path + "/home"])
        statePaths = StatePaths(directory: root.path + "/state")
        try writeGibson("#!/bin/sh\nexit 0\n")
        configuration.gibson.recovery.wait = .seconds(30)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    var gibsonPath: String { root.path + "/bin/gibson" }
    var gibsonState: String { root.path + "/home/.gibsonai" }

    func writeGibson(_ script: String) throws {
        try script.write(toFile: gibsonPath, atomically: false, encoding: .utf8)
        chmod(gibsonPath, 0o755)
    }

    var options: HealthOptions {
        HealthOptions(configuration: configuration, environment: environment, statePaths: statePaths)
    }
}

let healthy = ProcessResult(termination: .exited(0), standardOutput: Array("gibson 0.8.12\n".utf8))
let failing = ProcessResult(termination: .exited(1), standardError: Array("Traceback\nboom\n".utf8))
