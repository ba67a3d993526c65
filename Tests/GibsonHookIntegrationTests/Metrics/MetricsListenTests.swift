import Foundation
import Testing
@testable import GibsonHookCore

/// `health --watch --metrics-listen`: `/metrics` scraped over HTTP from a running watch, then the watch killed.
@Suite struct MetricsListenTests {
    @Test func aRunningWatchServesMetricsThatPromtoolAccepts() throws {
        let sandbox = try TemporaryGitRepository()
        let gibson = sandbox.sandbox.appendingPathComponent("bin/gibson")
        try HealthFixtures.script(gibson, "echo 'gibson 0.8.12'")
        let process = Process()
        process.executableURL = BinaryRunner.binary
        process.arguments = ["health", "--watch", "--metrics-listen", "127.0.0.1:0", "--set", "gibson.healthCheckInterval=1s"]
        process.currentDirectoryURL = sandbox.root
        process.environment = sandbox.environment.merging(["GIBSON_HOOK_GIBSON": gibson.path]) { _, new in new }
        let errors = Foundation.Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        // The note comes before the first round: "gibson-hook: serving metrics on http://127.0.0.1:PORT/metrics".
        var note = ""
        while !note.contains("/metrics\n") {
            let chunk = errors.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            note += String(decoding: chunk, as: UTF8.self)
        }
        let prefix = "gibson-hook: serving metrics on http://127.0.0.1:"
        #expect(note.hasPrefix(prefix), "\(note)")
        let port = try #require(Int(note.dropFirst(prefix.count).prefix { $0.isNumber }))

        // Bounded: the first round's result is served once that round ended (at most 300 scrapes).
        var response = ""
        for _ in 0..<300 {
            response = try PromTool.get(port: port, path: "/metrics")
            if response.contains("gibson_up{target=\"gibson\"} 1\n") { break }
            usleep(100_000)
        }
        let parts = response.components(separatedBy: "\r\n\r\n")
        #expect(parts.count == 2)
        let head = parts[0].components(separatedBy: "\r\n")
        let body = parts.count == 2 ? parts[1] : ""
        #expect(head == [
            "HTTP/1.1 200 OK", "Content-Type: text/plain; version=0.0.4; charset=utf-8",
            "Content-Length: \(body.utf8.count)", "Connection: close",
        ])
        #expect(body.contains("gibson_up{target=\"gibson\"} 1\n"), "\(body)")
        #expect(body.contains("# TYPE gibson_hook_delivery_seconds histogram\n"))
        let check = try PromTool.checkMetrics(body, in: sandbox.sandbox)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout + check.stderr == "")

        let missing = try PromTool.get(port: port, path: "/other")
        #expect(missing.hasPrefix("HTTP/1.1 404 Not Found\r\n"))
        #expect(missing.hasSuffix("\r\n\r\nnot found: try /metrics\n"))

        // SIGKILL: a child of the test runner inherits its blocked signals, SIGTERM among them.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(throws: TestFailure.self) { try PromTool.get(port: port, path: "/metrics") }
    }

    @Test func aBadListenAddressIsAUsageErrorBeforeAnyRound() throws {
        let sandbox = try TemporaryGitRepository()
        let result = try sandbox.gibsonHook(["health", "--watch", "--rounds", "1", "--metrics-listen", "localhost"])
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr == """
            gibson-hook: error: 'localhost' is not an address to listen on: give HOST:PORT with an IPv4 host, e.g. \
            127.0.0.1:9464

            """)
    }

    @Test func metricsListenNeedsWatch() throws {
        let sandbox = try TemporaryGitRepository()
        let result = try sandbox.gibsonHook(["health", "--metrics-listen", "127.0.0.1:0"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("gibson-hook: error: --metrics-listen needs --watch\n"), "\(result.stderr)")
    }
}
