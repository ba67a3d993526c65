import Foundation
import Testing
@testable import GibsonHookCore

/// `gibson.process.command` under `health --watch`: a real child (a shell script) that exits or hangs,
/// started when `gibson.autoStart` is set and restarted per `gibson.restartPolicy` within `gibson.maxRetries`,
/// each start and exit read back from the outbox as GibsonEvents.
@Suite struct SupervisedProcessTests {
    /// One recorded supervision event: its step and metadata.
    struct Recorded {
        let eventType: String
        let serviceStatus: String
        let step: String
        let metadata: JSONValue
    }

    /// A sandbox with a healthy (or broken) Gibson and a child script that logs each start to `runs`.
    struct Scenario {
        let sandbox: TemporaryGitRepository
        let runs: URL
        let child: URL

        init(child body: String, healthyGibson: Bool = true) throws {
            sandbox = try TemporaryGitRepository()
            runs = sandbox.sandbox.appendingPathComponent("runs")
            child = sandbox.sandbox.appendingPathComponent("bin/gibson-server")
            try HealthFixtures.script(child, "echo $$ >> '\(runs.path)'\n" + body)
            let gibson = sandbox.sandbox.appendingPathComponent("bin/gibson")
            try HealthFixtures.script(gibson, healthyGibson ? "echo 'gibson 0.8.12'" : "echo broken >&2; exit 1")
            sandbox.environment["GIBSON_HOOK_GIBSON"] = gibson.path
        }

        /// `health --watch --rounds N` with the child supervised under `settings`.
        func watch(rounds: Int, interval: String, _ settings: [String]) throws -> CommandResult {
            try sandbox.gibsonHook(watchArguments(rounds: rounds, interval: interval, settings))
        }

        /// The arguments of `health --watch` (`--rounds N` unless nil) with the child supervised under `settings`.
        func watchArguments(rounds: Int?, interval: String, _ settings: [String]) -> [String] {
            var arguments = ["health", "--watch"] + (rounds.map { ["--rounds", String($0)] } ?? []) + [
                "--set", "gibson.healthCheckInterval=\(interval)",
                "--set", "gibson.process.command=['\(child.path)']", "--set", "gibson.recovery.backoff=50ms",
            ]
            for setting in settings { arguments += ["--set", setting] }
            return arguments
        }

        /// The JSON objects `health --watch --json` printed, one per round.
        static func rounds(_ result: CommandResult) throws -> [JSONValue] {
            try result.stdout.split(separator: "\n").map { try JSONValue.parse(Data($0.utf8)) }
        }

        /// The `health-monitor` events' `serviceStatus`, in the order they were recorded.
        func healthCheckStatuses() throws -> [String] {
            let list = try HealthFixtures.json(try sandbox.gibsonHook(["outbox", "list", "--json", "--limit", "1000"]))
            return try (list.arrayValue ?? []).compactMap { entry -> String? in
                guard let id = entry["id"]?.stringValue, entry["type"]?.stringValue == "ai.gibson.hook.gibson.health-check"
                else { return nil }
                let data = try HealthFixtures.json(try sandbox.gibsonHook(["outbox", "show", id, "--json"]))["event"]?["data"]
                guard data?["metadata"]?["step"] == "health-monitor" else { return nil }
                return data?["serviceStatus"]?.stringValue
            }
        }

        /// The exact `detail` of the exit of the run with `pid`: `'<child>' (pid P) <rest>`.
        func exitDetail(_ exit: Recorded?, _ rest: String) -> String {
            "'\(child.path)' (pid \(exit?.metadata["pid"]?.intValue ?? -1)) \(rest)"
        }

        /// The pid the child wrote to `file` in the sandbox, once it has (up to 60 s).
        func pid(in file: String) -> pid_t? {
            let url = sandbox.sandbox.appendingPathComponent(file)
            for _ in 0..<1200 {
                if let text = try? String(contentsOf: url, encoding: .utf8), text.hasSuffix("\n"),
                    let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) { return pid }
                usleep(50_000)
            }
            return nil
        }

        /// The pids the child logged, one per real start.
        var startedPids: [Int32] {
            ((try? String(contentsOf: runs, encoding: .utf8)) ?? "").split(separator: "\n").compactMap { Int32($0) }
        }

        /// The supervision events (steps `process-*`) in the order they were recorded.
        func events() throws -> [Recorded] {
            let list = try HealthFixtures.json(try sandbox.gibsonHook(["outbox", "list", "--json", "--limit", "1000"]))
            return try (list.arrayValue ?? []).compactMap { entry -> Recorded? in
                guard let id = entry["id"]?.stringValue, entry["type"]?.stringValue?.hasPrefix("ai.gibson.hook.gibson.") == true
                else { return nil }
                let data = try HealthFixtures.json(try sandbox.gibsonHook(["outbox", "show", id, "--json"]))["event"]?["data"]
                guard let step = data?["metadata"]?["step"]?.stringValue, step.hasPrefix("process-") else { return nil }
                return Recorded(
                    eventType: data?["eventType"]?.stringValue ?? "", serviceStatus: data?["serviceStatus"]?.stringValue ?? "",
                    step: step, metadata: data?["metadata"] ?? .null)
            }
        }
    }

    @Test func alwaysRestartsAfterEveryExitEvenACleanOneUntilMaxRetriesIsSpent() throws {
        let scenario = try Scenario(child: "exit 0")
        let result = try scenario.watch(rounds: 2, interval: "3s", ["gibson.restartPolicy=always", "gibson.maxRetries=2"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let events = try scenario.events()
        #expect(events.map(\.step) == [
            "process-start", "process-exit", "process-start", "process-exit", "process-start", "process-exit", "process-give-up",
        ])
        let starts = events.filter { $0.step == "process-start" }
        #expect(starts.map { $0.metadata["reason"]?.stringValue } == ["autoStart", "restart", "restart"])
        #expect(starts.map { $0.eventType } == ["activation", "activation", "activation"])
        #expect(starts.compactMap { $0.metadata["pid"]?.intValue.map(Int32.init) } == scenario.startedPids)
        let exits = events.filter { $0.step == "process-exit" }
        #expect(exits.map { $0.metadata["exitStatus"]?.intValue } == [0, 0, 0])
        #expect(exits.map { $0.metadata["restarted"] } == [true, true, false])
        #expect(exits.map(\.serviceStatus) == ["stopped", "stopped", "stopped"])
        #expect(exits.last?.metadata["detail"]?.stringValue == scenario.exitDetail(
            exits.last, "exited with status 0 (exited): not restarted (gibson.maxRetries 2 spent)"))
        #expect(events.last?.metadata["detail"] == "gave up after 2 restarts in a row (gibson.maxRetries is 2)")
    }

    @Test func onFailureRestartsANonZeroExitButNotACleanOne() throws {
        let failing = try Scenario(child: "exit 3")
        let result = try failing.watch(rounds: 2, interval: "3s", ["gibson.restartPolicy=on-failure", "gibson.maxRetries=1"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let events = try failing.events()
        #expect(events.map(\.step) == ["process-start", "process-exit", "process-start", "process-exit", "process-give-up"])
        #expect(events.filter { $0.step == "process-exit" }.map(\.serviceStatus) == ["error", "error"])
        #expect(failing.startedPids.count == 2)

        let clean = try Scenario(child: "exit 0")
        #expect(try clean.watch(rounds: 2, interval: "2s", ["gibson.restartPolicy=on-failure"]).status == 0)
        let once = try clean.events()
        #expect(once.map(\.step) == ["process-start", "process-exit"])
        #expect(once.last?.metadata["restarted"] == false)
        #expect(once.last?.metadata["detail"]?.stringValue == clean.exitDetail(
            once.last, "exited with status 0 (exited): not restarted (restartPolicy on-failure)"))
        #expect(clean.startedPids.count == 1)
    }

    @Test func onFailureRestartsARunningProcessWhoseProbesFailAndTheWatchStopsItAtTheEnd() throws {
        let scenario = try Scenario(child: "exec sleep 120", healthyGibson: false)
        let result = try scenario.watch(
            rounds: 2, interval: "1s", ["gibson.restartPolicy=on-failure", "gibson.maxRetries=5", "gibson.process.startTimeout=0s"])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        let events = try scenario.events()
        #expect(events.map(\.step) == ["process-start", "process-exit", "process-start", "process-exit", "process-start", "process-exit"])
        let exits = events.filter { $0.step == "process-exit" }
        #expect(exits.map { $0.metadata["reason"]?.stringValue } == ["probes failed", "probes failed", "watch stopped"])
        #expect(exits.map { $0.metadata["signal"]?.intValue } == [Int64(SIGTERM), Int64(SIGTERM), Int64(SIGTERM)])
        #expect(exits.map(\.serviceStatus) == ["error", "error", "stopped"])
        // Every child is gone once the watch has returned: none is left behind. (The last one may be stopped
        // before its shell logged its pid, so the pids come from the start events.)
        let pids = events.filter { $0.step == "process-start" }.compactMap { $0.metadata["pid"]?.intValue.map(pid_t.init) }
        #expect(pids.count == 3)
        for pid in pids { #expect(HealthFixtures.isGone(pid), "pid \(pid) still runs") }
    }

    @Test func neverRecordsTheExitAndDoesNotRestart() throws {
        let scenario = try Scenario(child: "exit 3")
        #expect(try scenario.watch(rounds: 2, interval: "2s", ["gibson.restartPolicy=never", "gibson.maxRetries=3"]).status == 0)
        let events = try scenario.events()
        #expect(events.map(\.step) == ["process-start", "process-exit"])
        #expect(events.last?.metadata["exitStatus"] == 3)
        #expect(events.last?.metadata["detail"]?.stringValue == scenario.exitDetail(
            events.last, "exited with status 3 (exited): not restarted (restartPolicy never)"))
        #expect(scenario.startedPids.count == 1)
    }

    @Test func withoutAutoStartTheWatchStartsNothing() throws {
        let scenario = try Scenario(child: "exit 0")
        #expect(try scenario.watch(rounds: 1, interval: "1s", ["gibson.autoStart=false", "gibson.restartPolicy=always"]).status == 0)
        #expect(try scenario.events().isEmpty)
        #expect(scenario.startedPids.isEmpty)
    }

    @Test func aCommandThatCannotStartIsRecordedAsAnError() throws {
        let sandbox = try TemporaryGitRepository()
        let gibson = sandbox.sandbox.appendingPathComponent("bin/gibson")
        try HealthFixtures.script(gibson, "echo 'gibson 0.8.12'")
        let result = try sandbox.gibsonHook(
            [
                "health", "--watch", "--rounds", "1", "--set", "gibson.process.command=[no-such-gibson-server, --port, '1']",
                "--set", "gibson.maxRetries=1", "--set", "gibson.recovery.backoff=10ms",
            ],
            extraEnvironment: ["GIBSON_HOOK_GIBSON": gibson.path])
        #expect(result.status == 0, "\(result.stderr)")
        // Read back through the status screen's JSON, newest first: two failed starts, then the give-up.
        let status = try HealthFixtures.json(try sandbox.gibsonHook(["status", "--json"]))
        let steps = (status["gibson"]?["recent"]?.arrayValue ?? []).filter { $0["step"]?.stringValue?.hasPrefix("process-") == true }
        #expect(steps.map { $0["step"] } == ["process-give-up", "process-start", "process-start"])
        #expect(steps.map { $0["eventType"] } == ["error", "error", "error"])
        #expect(steps.map { $0["ok"] } == [false, false, false])
        #expect(steps.last?["detail"]?.stringValue
            == "could not start 'no-such-gibson-server --port 1': \(ProcessRunnerError.executableNotFound("no-such-gibson-server"))")
        #expect(steps.last?["route"] == .null)
    }

    @Test func sigtermStopsAnUnboundedWatchAndTheProcessWithItAndRecordsTheStop() throws {
        let scenario = try Scenario(child: "exec sleep 120")
        let watch = Process()
        watch.executableURL = BinaryRunner.binary
        watch.arguments = [
            "health", "--watch", "--set", "gibson.healthCheckInterval=1s", "--set", "gibson.process.command=['\(scenario.child.path)']",
        ]
        watch.currentDirectoryURL = scenario.sandbox.root
        watch.environment = scenario.sandbox.environment
        watch.standardOutput = FileHandle.nullDevice
        watch.standardError = FileHandle.nullDevice
        try watch.run()
        // The child logs its pid as it starts, which is after the watch listens for SIGTERM.
        var waited = 0
        while scenario.startedPids.isEmpty && waited < 1200 {
            usleep(50_000)
            waited += 1
        }
        let pid = try #require(scenario.startedPids.first, "the supervised process never started")
        watch.terminate()
        waited = 0
        while watch.isRunning && waited < 1200 {
            usleep(50_000)
            waited += 1
        }
        if watch.isRunning { kill(watch.processIdentifier, SIGKILL) }
        watch.waitUntilExit()
        #expect(watch.terminationReason == .exit && watch.terminationStatus == 0)
        #expect(HealthFixtures.isGone(pid), "the supervised process outlived the watch")
        let events = try scenario.events()
        #expect(events.map(\.step) == ["process-start", "process-exit"])
        #expect(events.last?.metadata["reason"] == "watch stopped")
        #expect(events.last?.serviceStatus == "stopped")
    }
}
