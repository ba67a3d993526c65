import Foundation
import Testing
@testable import GibsonHookCore

/// The real runner, against /bin/sh (no network).
@Suite struct ProcessRunnerTests {
    let runner = PosixProcessRunner()

    func sh(_ script: String, timeout: Double = 10, input: String = "", env: [String: String] = [:]) throws -> ProcessResult {
        var environment = ProcessEnvironment(["PATH": "/usr/bin:/bin"])
        for (key, value) in env { environment[key] = value }
        return try runner.run(ProcessRequest(
            executable: "sh", arguments: ["-c", script], environment: environment, timeout: timeout, standardInput: Array(input.utf8)))
    }

    @Test func capturesOutputStatusAndStandardInput() throws {
        let result = try sh("read line; echo \"got $line\"; echo oops >&2; exit 3", input: "hello\n")
        #expect(result.exitStatus == 3)
        #expect(result.outputText == "got hello\n")
        #expect(result.errorText == "oops\n")
        #expect(!result.timedOut)
    }

    @Test func gitLocalVariablesAreRemoved() throws {
        let result = try sh("echo \"${GIT_DIR:-unset} ${GIT_INDEX_FILE:-unset} $KEEP\"", env: ["GIT_DIR": "/x", "GIT_INDEX_FILE": "/y", "KEEP": "kept"])
        #expect(result.outputText == "unset unset kept\n")
    }

    @Test func outputIsBounded() throws {
        var request = ProcessRequest(
            executable: "/bin/sh", arguments: ["-c", "head -c 300000 /dev/zero"], environment: ProcessEnvironment(["PATH": "/usr/bin:/bin"]), timeout: 10)
        request.outputLimit = 1000
        let result = try runner.run(request)
        #expect(result.exitStatus == 0)
        #expect(result.standardOutput.count == 1000)
    }

    @Test func theTimeoutKillsTheWholeProcessGroupIncludingGrandchildren() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gh-pg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let pidFile = directory.appendingPathComponent("grandchild").path
        // The grandchild ignores SIGTERM, so only the SIGKILL to the group ends it.
        let result = try sh("sh -c 'trap \"\" TERM; sleep 60' & echo $! > \(pidFile); wait", timeout: 0.5)
        #expect(result.timedOut)
        let pid = pid_t(try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines))!
        #expect(Self.isGone(pid))
    }

    @Test func missingExecutablesThrow() {
        #expect(throws: ProcessRunnerError.executableNotFound("no-such-tool-xyz")) {
            try runner.run(ProcessRequest(executable: "no-such-tool-xyz", environment: ProcessEnvironment(["PATH": "/usr/bin"]), timeout: 1))
        }
    }

    @Test func detachedProcessesWriteToTheirLogAndRunInTheirOwnSession() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gh-det-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = directory.appendingPathComponent("background.log").path
        let pid = try DetachedProcess.spawn(
            executable: "sh", arguments: ["-c", "echo \"session=$(ps -o sid= -p $$ | tr -d ' ') pid=$$\""],
            environment: ProcessEnvironment(["PATH": "/usr/bin:/bin"]), logFile: log)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        #expect(try String(contentsOfFile: log, encoding: .utf8) == "session=\(pid) pid=\(pid)\n")
    }

    /// True once `pid` no longer runs (gone, or a zombie waiting for init).
    static func isGone(_ pid: pid_t) -> Bool {
        for _ in 0..<200 {
            if kill(pid, 0) != 0 { return true }
            if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), stat.contains(") Z ") { return true }
            usleep(10_000)
        }
        return false
    }
}
