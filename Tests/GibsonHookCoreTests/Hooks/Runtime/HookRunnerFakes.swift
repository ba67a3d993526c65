import Foundation
@testable import GibsonHookCore

/// Fakes for `HookRunner`: a fixed repository context, an in-memory outbox, a scripted gate, a launcher
/// and a process runner that record their calls.
final class HookRunnerFixture {
    let outbox: OutboxStore
    let launcher = RecordingLauncher()
    let runner = ScriptedRunner()
    var gatePasses = true
    var gateCalls = 0
    var context: RepositoryContext
    /// The configuration of the run in progress, for the event factory.
    var configuration = Configuration()

    init() throws {
        outbox = try OutboxStore(path: ":memory:")
        let signature = SignatureInfo(name: "Ada Lovelace", email: "ada@example.com", time: "2026-11-29T00:00:00+01:00")
        context = RepositoryContext(
            location: RepositoryLocation(
                root: "/work/demo", gitDir: "/work/demo/.git", commonDir: "/work/demo/.git",
                hooksDir: "/work/demo/.git/hooks", isBare: false, isWorktree: false),
            head: HeadInfo(sha: String(repeating: "b", count: 40), branch: "main", detached: false, unborn: false),
            commit: CommitInfo(
                sha: String(repeating: "b", count: 40), parents: [String(repeating: "a", count: 40)],
                author: signature, committer: signature, subject: "Add the thing", body: "",
                changedFiles: [FileChange(path: "dir/a b.txt", status: .added)], changedFilesTotal: 1),
            staged: nil, stagedTotal: 0, remote: RemoteInfo(name: "origin", url: "https://example.com/org/demo.git"))
    }

    var runnerUnderTest: HookRunner {
        HookRunner(HookRunner.Collaborators(
            readContext: { [unowned self] _, _, _ in context },
            openOutbox: { [unowned self] in outbox },
            gate: { [unowned self] _ in
                gateCalls += 1
                let report = HealthReport(
                    executable: "gibson", resolvedPath: nil, probes: [], failure: gatePasses ? nil : .nonZeroExit,
                    fromCache: false, checkedAt: Date())
                return HealthGateResult(
                    passed: gatePasses, report: report, diagnosis: report.failure, recovery: .none, steps: [],
                    remedies: gatePasses ? [] : ["to commit anyway, skip the hooks once: GIBSON_HOOK=0 git commit …"])
            },
            eventFactory: { [unowned self] context in
                EventFactory(
                    configuration: configuration, remoteURL: context.remote?.url, repository: context.remote?.url,
                    hostName: EventStamp.hostName, clock: SystemClock())
            },
            launcher: launcher, runner: runner, clock: SystemClock()))
    }

    func run(
        _ hook: HookName, _ arguments: [String] = [], stdin: String = "", configuration: Configuration = Configuration(),
        environment: [String: String] = [:]
    ) -> HookRunResult {
        self.configuration = configuration
        return runnerUnderTest.run(HookRunOptions(
            hook: hook, arguments: arguments, stdin: stdin, configuration: configuration,
            environment: ProcessEnvironment(environment), workingDirectory: "/work/demo",
            statePaths: StatePaths(directory: "/nonexistent-state")))
    }

    func storedTypes() throws -> [String] { try outbox.list().map(\.type) }
}

final class RecordingLauncher: BackgroundDeliveryLauncher {
    var launches = 0
    func launch(environment: ProcessEnvironment, statePaths: StatePaths) throws -> Int32 {
        launches += 1
        return 4242
    }
}

final class ScriptedRunner: ProcessRunner, @unchecked Sendable {
    var requests: [ProcessRequest] = []
    var status: Int32 = 0
    func run(_ request: ProcessRequest) throws -> ProcessResult {
        requests.append(request)
        return ProcessResult(termination: .exited(status), standardError: Array("no such schema\n".utf8))
    }
}
