import Foundation
import Testing
@testable import GibsonHookCore

/// `gibson-hook metrics` and `--textfile`: the outbox, breakers and last watch round as Prometheus text,
/// checked by the real promtool.
@Suite struct MetricsCommandTests {
    /// A sandbox whose watch found Gibson broken once (local recovery) and whose events were all delivered.
    private func deliveredSandbox() throws -> (TemporaryGitRepository, StatusServer, [String: String]) {
        let sandbox = try TemporaryGitRepository()
        let server = try StatusServer(status: 200)
        let gibson = sandbox.sandbox.appendingPathComponent("bin/gibson")
        try HealthFixtures.script(gibson, "echo broken >&2; exit 3")
        let environment = ["GIBSON_HOOK_GIBSON": gibson.path, "GIBSON_HOOK_CLOUDEVENTS_URL": server.baseURL]
        let watch = try sandbox.gibsonHook(["health", "--watch", "--rounds", "1", "--set", "gibson.maxRetries=0"], extraEnvironment: environment)
        #expect(watch.status == 1, "\(watch.stdout)\(watch.stderr)")
        for index in 1...2 {
            let emit = try sandbox.gibsonHook(["emit", "--type", "ai.gibson.hook.test", "--data", "{\"n\":\(index)}"], extraEnvironment: environment)
            #expect(emit.status == 0, "\(emit.stderr)")
        }
        let flush = try sandbox.gibsonHook(["flush"], extraEnvironment: environment)
        #expect(flush.status == 0, "\(flush.stdout)\(flush.stderr)")
        return (sandbox, server, environment)
    }

    @Test func metricsDescribeTheOutboxTheRecoveryAndTheLastCheckAndPassPromtool() throws {
        let (sandbox, _, environment) = try deliveredSandbox()
        let list = try sandbox.gibsonHook(["outbox", "list", "--json"], extraEnvironment: environment)
        let delivered = (try JSONValue.parse(list.stdoutData).arrayValue ?? []).count
        #expect(delivered >= 4, "\(list.stdout)")

        let result = try sandbox.gibsonHook(["metrics"], extraEnvironment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "")
        // Delivery times vary with the machine: the histogram's buckets below +Inf are checked by promtool only.
        let stable = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("gibson_hook_delivery_seconds_bucket{sink=\"cloudevents\",le=\"") || $0.contains("+Inf") }
            .filter { !$0.hasPrefix("gibson_hook_delivery_seconds_sum") && !$0.hasPrefix("gibson_hook_health_check_seconds{") }
            .joined(separator: "\n")
        #expect(stable == """
            # HELP gibson_up 1 when the last check of the Gibson target was healthy, 0 when it failed.
            # TYPE gibson_up gauge
            gibson_up{target="gibson"} 0
            # HELP gibson_hook_outbox_events Outbox delivery rows by state and sink.
            # TYPE gibson_hook_outbox_events gauge
            gibson_hook_outbox_events{state="dead",sink="cloudevents"} 0
            gibson_hook_outbox_events{state="delivered",sink="cloudevents"} \(delivered)
            gibson_hook_outbox_events{state="pending",sink="cloudevents"} 0
            # HELP gibson_hook_delivery_seconds Seconds from recording an event to its delivery, by sink.
            # TYPE gibson_hook_delivery_seconds histogram
            gibson_hook_delivery_seconds_bucket{sink="cloudevents",le="+Inf"} \(delivered)
            gibson_hook_delivery_seconds_count{sink="cloudevents"} \(delivered)
            # HELP gibson_hook_requests_total Delivery requests per sink by outcome code: the HTTP status, else what happened (timeout, connection, Kafka error).
            # TYPE gibson_hook_requests_total counter
            gibson_hook_requests_total{sink="cloudevents",code="200"} \(delivered)
            # HELP gibson_hook_workflow_started_total Workflow runs started, remote (requested from Temporal) or local (run by gibson-hook).
            # TYPE gibson_hook_workflow_started_total counter
            gibson_hook_workflow_started_total{workflow="gibson-recovery-workflow",route="local"} 1
            # HELP gibson_hook_breaker_open 1 while the circuit breaker of the sink's endpoint is open.
            # TYPE gibson_hook_breaker_open gauge
            gibson_hook_breaker_open{sink="cloudevents"} 0
            # HELP gibson_hook_health_check_seconds How long the last health check of the target took.
            # TYPE gibson_hook_health_check_seconds gauge

            """)
        #expect(result.stdout.contains("gibson_hook_health_check_seconds{target=\"gibson\"} "))
        let check = try PromTool.checkMetrics(result.stdout, in: sandbox.sandbox)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout + check.stderr == "")
    }

    @Test func textfileIsWrittenAtomicallyWithTheSameTextAndReadableByNodeExporter() throws {
        let (sandbox, _, environment) = try deliveredSandbox()
        let directory = sandbox.sandbox.appendingPathComponent("textfile_collector")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("gibson-hook.prom").path
        let written = try sandbox.gibsonHook(["metrics", "--textfile", path], extraEnvironment: environment)
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stdout == "" && written.stderr == "")
        let printed = try sandbox.gibsonHook(["metrics"], extraEnvironment: environment)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == printed.stdout)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["gibson-hook.prom"])
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o644)
        let check = try PromTool.checkMetrics(printed.stdout, in: sandbox.sandbox)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    @Test func aTextfileInAMissingDirectoryIsAClearError() throws {
        let sandbox = try TemporaryGitRepository()
        let path = sandbox.sandbox.appendingPathComponent("missing/gibson-hook.prom").path
        let result = try sandbox.gibsonHook(["metrics", "--textfile", path])
        #expect(result.status == 1)
        #expect(result.stderr == """
            gibson-hook: error: could not write the metrics to '\(path)': No such file or directory; check that its \
            directory exists and is writable

            """)
    }

    @Test func theRulesFilePassesPromtool() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let rules = root.appendingPathComponent("integrations/prometheus/gibson-hook.rules.yml")
        let result = try BinaryRunner.execute(try PromTool.path(), ["check", "rules", rules.path], in: root, environment: ["PATH": "/usr/bin:/bin"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout == "Checking \(rules.path)\n  SUCCESS: 6 rules found\n\n")
    }
}
