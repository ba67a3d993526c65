import Foundation
import Testing
@testable import GibsonHookCore

/// The supervised process's start-up grace (`gibson.process.startTimeout`), its process group, stop requests
/// during a backoff, the give-up that a healthy round clears, and the descriptors it inherits: real children
/// under `health --watch`, read back from the outbox.
extension SupervisedProcessTests {
    /// The python3 on PATH (the test venv's), for a child that listens on a port.
    static func python() throws -> URL {
        try #require(BinaryRunner.which("python3"), "python3 is not on PATH")
    }

    /// A port nothing listens on now.
    static func freePort() throws -> Int { try TCPListener().port }

    @Test func aServerThatNeedsAMomentToListenIsNeitherRecoveredNorRestartedWithinTheStartTimeout() throws {
        let port = try Self.freePort()
        let python = try Self.python()
        let scenario = try Scenario(child: """
            sleep 1.5
            exec '\(python.path)' -c 'import socket, time
            s = socket.socket()
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("127.0.0.1", \(port)))
            s.listen(8)
            time.sleep(120)'
            """)
        var arguments = scenario.watchArguments(rounds: 3, interval: "1s", [
            "gibson.restartPolicy=always", "gibson.probes=[{name: server, kind: tcp, host: 127.0.0.1, port: \(port), timeout: 500ms}]",
        ])
        arguments.append("--json")
        let result = try scenario.sandbox.gibsonHook(arguments)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let rounds = try Scenario.rounds(result)
        #expect(rounds.count == 3)
        // The first round probes while the child still sleeps: it reports starting, and nothing recovers.
        #expect(rounds.first?["starting"] == true)
        #expect(rounds.first?["healthy"] == false)
        #expect(rounds.allSatisfy { $0["recovery"] == nil })
        #expect(rounds.allSatisfy { $0["healthy"] == true || $0["starting"] == true })
        let events = try scenario.events()
        #expect(events.map(\.step) == ["process-start", "process-exit"])
        #expect(events.last?.metadata["reason"] == "watch stopped")
        #expect(scenario.startedPids.count == 1)
        #expect(try scenario.healthCheckStatuses().first == "starting")
        #expect(try !scenario.healthCheckStatuses().contains("error"))
    }

    @Test func afterTheStartTimeoutFailingProbesRecoverAndRestartTheProcess() throws {
        let scenario = try Scenario(child: "exec sleep 120", healthyGibson: false)
        var arguments = scenario.watchArguments(rounds: 2, interval: "2s", [
            "gibson.restartPolicy=on-failure", "gibson.maxRetries=3", "gibson.process.startTimeout=1s",
        ])
        arguments.append("--json")
        let result = try scenario.sandbox.gibsonHook(arguments)
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        let rounds = try Scenario.rounds(result)
        #expect(rounds.map { $0["starting"] } == [true, nil])
        #expect(rounds.map { $0["recovery"] == nil } == [true, false])
        let events = try scenario.events()
        #expect(events.map(\.step) == ["process-start", "process-exit", "process-start", "process-exit"])
        #expect(events.filter { $0.step == "process-exit" }.map { $0.metadata["reason"]?.stringValue } == ["probes failed", "watch stopped"])
        #expect(try scenario.healthCheckStatuses() == ["starting", "error"])
    }

    @Test func stoppingTheProcessStopsItsWholeProcessGroup() throws {
        // A wrapper script whose server runs as its child: SIGTERM to the wrapper alone would orphan it.
        let scenario = try Scenario(child: "sleep 120 &\necho $! > \"$(dirname \"$0\")/../grandchild\"\nwait")
        let result = try scenario.watch(rounds: 2, interval: "2s", [])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let grandchild = try #require(scenario.pid(in: "grandchild"), "the wrapper never started its server")
        defer { kill(grandchild, SIGKILL) }
        #expect(HealthFixtures.isGone(grandchild), "the wrapper's child outlived the watch")
        let events = try scenario.events()
        #expect(events.map(\.step) == ["process-start", "process-exit"])
        #expect(events.last?.metadata["reason"] == "watch stopped")
        #expect(events.last?.metadata["signal"] == .integer(Int64(SIGTERM)))
        #expect(events.last?.metadata["detail"]?.stringValue == scenario.exitDetail(
            events.last, "was ended by signal \(SIGTERM) (watch stopped): stopped with the watch"))
    }

    @Test func whatAnExitedWrapperLeftInItsProcessGroupIsStopped() throws {
        let scenario = try Scenario(child: "sleep 120 &\necho $! > \"$(dirname \"$0\")/../grandchild\"\nexit 3")
        let result = try scenario.watch(rounds: 2, interval: "2s", ["gibson.restartPolicy=never"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let grandchild = try #require(scenario.pid(in: "grandchild"), "the wrapper never started its server")
        defer { kill(grandchild, SIGKILL) }
        #expect(HealthFixtures.isGone(grandchild), "the wrapper's child outlived its exit")
        let events = try scenario.events()
        #expect(events.map(\.step) == ["process-start", "process-exit"])
        #expect(events.last?.metadata["reason"] == "exited")
        #expect(events.last?.metadata["exitStatus"] == 3)
        #expect(events.last?.metadata["detail"]?.stringValue == scenario.exitDetail(
            events.last, "exited with status 3 (exited): not restarted (restartPolicy never)"))
    }

    @Test func aProcessGroupThatIgnoresSigtermIsKilledAfterTheGrace() throws {
        let scenario = try Scenario(child: "trap '' TERM\nsleep 120 &\necho $! > \"$(dirname \"$0\")/../grandchild\"\nwait")
        let result = try scenario.watch(rounds: 2, interval: "2s", [])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let grandchild = try #require(scenario.pid(in: "grandchild"), "the wrapper never started its server")
        defer { kill(grandchild, SIGKILL) }
        #expect(HealthFixtures.isGone(grandchild), "the wrapper's child outlived the watch")
        let events = try scenario.events()
        #expect(events.map(\.step) == ["process-start", "process-exit"])
        #expect(events.last?.metadata["signal"] == .integer(Int64(SIGKILL)))
        #expect(events.last?.metadata["detail"]?.stringValue == scenario.exitDetail(
            events.last, "was ended by signal \(SIGKILL) (watch stopped): stopped with the watch"))
    }

    @Test func sigtermDuringTheBackoffStopsTheWatchWithoutStartingTheProcessAgain() throws {
        let scenario = try Scenario(child: "exit 1")
        let watch = Process()
        watch.executableURL = BinaryRunner.binary
        watch.arguments = scenario.watchArguments(rounds: nil, interval: "1s", [
            "gibson.restartPolicy=on-failure", "gibson.maxRetries=3", "gibson.recovery.backoff=30s",
        ])
        watch.currentDirectoryURL = scenario.sandbox.root
        watch.environment = scenario.sandbox.environment
        watch.standardOutput = FileHandle.nullDevice
        watch.standardError = FileHandle.nullDevice
        try watch.run()
        defer { if watch.isRunning { kill(watch.processIdentifier, SIGKILL) } }
        // The watch is in its 30 s backoff once it has recorded the exit it is going to restart.
        var exits: [Recorded] = []
        var waited = 0
        while exits.isEmpty && watch.isRunning && waited < 1200 {
            usleep(50_000)
            waited += 1
            exits = try scenario.events().filter { $0.step == "process-exit" }
        }
        #expect(exits.map { $0.metadata["restarted"] } == [true])
        watch.terminate()
        watch.waitUntilExit()
        #expect(watch.terminationReason == .exit && watch.terminationStatus == 0)
        let events = try scenario.events()
        #expect(events.map(\.step) == ["process-start", "process-exit"])
        #expect(scenario.startedPids.count == 1)
    }

    @Test func aHealthyRoundClearsTheGiveUpSoALaterCrashIsRestarted() throws {
        // Gibson is healthy once the flag exists. The first run hangs; the watch restarts it after the first
        // failing round, and after the second spends its one restart (it gives up, leaving the run running).
        // The second run then makes Gibson healthy and exits 1 once a healthy probe has been made.
        // Both scripts live in the sandbox's bin/ and keep their files next to it.
        let scenario = try Scenario(child: """
            cd "$(dirname "$0")/.."
            if [ "$(wc -l < runs)" -eq 2 ]; then
              sleep 3
              touch flag
              while [ ! -s healthy-calls ]; do sleep 0.1; done
              exit 1
            fi
            exec sleep 120
            """, healthyGibson: false)
        try HealthFixtures.script(scenario.sandbox.sandbox.appendingPathComponent("bin/gibson"), """
            cd "$(dirname "$0")/.."
            if [ -f flag ]; then echo ok >> healthy-calls; echo 'gibson 0.8.12'; else echo broken >&2; exit 1; fi
            """)
        let result = try scenario.watch(rounds: 4, interval: "2s", [
            "gibson.restartPolicy=on-failure", "gibson.maxRetries=1", "gibson.process.startTimeout=0s",
        ])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let events = try scenario.events()
        #expect(events.map(\.step) == [
            "process-start", "process-exit", "process-start", "process-give-up", "process-exit", "process-start", "process-exit",
        ])
        let pids = events.filter { $0.step == "process-start" }.compactMap { $0.metadata["pid"]?.intValue }
        let exits = events.filter { $0.step == "process-exit" }
        #expect(exits.map { $0.metadata["reason"]?.stringValue } == ["probes failed", "exited", "watch stopped"])
        #expect(exits.map { $0.metadata["restarted"] } == [true, true, false])
        #expect(pids.count == 3)
        #expect(events[3].metadata["detail"] == "gave up after 1 restarts in a row (gibson.maxRetries is 1)")
        #expect(exits[1].metadata["pid"]?.intValue == pids[1])
        #expect(exits[1].metadata["detail"]?.stringValue == scenario.exitDetail(exits[1], "exited with status 1 (exited): restarting"))
    }

    #if os(Linux)
    @Test func theProcessInheritsNoneOfTheWatchesDescriptors() throws {
        let scenario = try Scenario(child: """
            for fd in /proc/$$/fd/*; do echo "$(readlink "$fd")"; done > "$(dirname "$0")/../fds"
            exec sleep 120
            """)
        // The watch is started with an extra open descriptor (57, a marker file) that its child must not get.
        let marker = scenario.sandbox.sandbox.appendingPathComponent("marker")
        try Data().write(to: marker)
        let python = try Self.python()
        let result = try BinaryRunner.execute(
            python,
            [
                "-c", """
                import os, subprocess, sys
                os.dup2(os.open(sys.argv[1], os.O_RDONLY), 57)
                sys.exit(subprocess.run(sys.argv[2:], pass_fds=(57,)).returncode)
                """,
                marker.path, BinaryRunner.binary.path,
            ] + scenario.watchArguments(rounds: 2, interval: "1s", []) + ["--set", "gibson.process.startTimeout=0s"],
            in: scenario.sandbox.root, environment: scenario.sandbox.environment)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let fds = try String(contentsOf: scenario.sandbox.sandbox.appendingPathComponent("fds"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        // Its output goes to the process log, and the watch's marker descriptor is not among its own.
        #expect(fds.contains { $0.hasSuffix("/gibson-process.log") }, "\(fds)")
        #expect(!fds.contains(marker.resolvingSymlinksInPath().path), "\(fds)")
    }
    #endif
}
