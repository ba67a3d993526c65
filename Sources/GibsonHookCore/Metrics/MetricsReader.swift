import Foundation

/// Reads a `MetricsSnapshot` from the outbox: one read of each table, nothing written.
struct MetricsReader {
    let store: OutboxStore
    let configuration: Configuration
    let now: Date

    /// The target gibson-hook checks, as `gibson_up`'s label.
    static let target = "gibson"

    func read() throws -> MetricsSnapshot {
        var snapshot = MetricsSnapshot()
        let database = store.database
        let counts = try database.prepared(
            "SELECT state, sink, COUNT(*) FROM deliveries GROUP BY state, sink ORDER BY state, sink"
        ).rows { row in MetricsSnapshot.Sample(labels: [("state", row.text(0) ?? ""), ("sink", row.text(1) ?? "")], value: Double(row.int(2))) }
        // Every configured sink shows all three states, so a rule on `dead` sees 0 rather than no series.
        var keyed = Dictionary(counts.map { ($0.labels.map(\.1).joined(separator: "\u{0}"), $0) }) { first, _ in first }
        for (kind, _) in SinkRegistry.configured(configuration) {
            for state in ["delivered", "dead", "pending"] where keyed[state + "\u{0}" + kind.name] == nil {
                keyed[state + "\u{0}" + kind.name] = MetricsSnapshot.Sample(labels: [("state", state), ("sink", kind.name)], value: 0)
            }
        }
        snapshot.outboxEvents = keyed.keys.sorted().compactMap { keyed[$0] }
        let delays = try database.prepared("""
            SELECT d.sink, d.updated_at - e.created_at FROM deliveries d JOIN events e ON e.seq = d.seq
            WHERE d.state = 'delivered' ORDER BY d.sink
            """).rows { row in (row.text(0) ?? "", max(0, row.double(1))) }
        for (sink, seconds) in delays { snapshot.deliverySeconds[sink, default: []].append(seconds) }
        snapshot.requests = try store.requestCounts().map {
            MetricsSnapshot.Sample(labels: [("sink", $0.sink), ("code", $0.code)], value: Double($0.count))
        }
        snapshot.workflowsStarted = try workflowStarts()
        try readListen(into: &snapshot)
        snapshot.breakerOpen = SinkRegistry.configured(configuration).map { kind, url in
            let parts = (store.value(for: "breaker." + SinkRegistry.endpoint(of: url)) ?? "").split(separator: " ")
            let failures = parts.count == 2 ? Int(parts[0]) ?? 0 : 0
            let until = parts.count == 2 ? Double(parts[1]) ?? 0 : 0
            let open = failures >= max(1, configuration.delivery.breakerFailureThreshold) && until > now.timeIntervalSince1970
            return MetricsSnapshot.Sample(labels: [("sink", kind.name)], value: open ? 1 : 0)
        }
        if let last = lastCheck() {
            snapshot.up = [MetricsSnapshot.Sample(labels: [("target", Self.target)], value: last.up ? 1 : 0)]
            snapshot.healthCheckSeconds = last.seconds
        } else if let healthy = try lastHealthCheckEvent() {
            snapshot.up = [MetricsSnapshot.Sample(labels: [("target", Self.target)], value: healthy ? 1 : 0)]
        }
        return snapshot
    }

    /// Remote starts are the recorded `workflow.start` requests; local runs are the recovery and activation
    /// runs that recorded their `complete` step.
    private func workflowStarts() throws -> [MetricsSnapshot.Sample] {
        let remote = try store.database.prepared("""
            SELECT COALESCE(json_extract(body, '$.data.workflowType'), ''), COUNT(*) FROM events
            WHERE type = ? AND json_valid(body) GROUP BY 1 ORDER BY 1
            """).rows([.text(WorkflowRequest.eventType)]) { row in
            MetricsSnapshot.Sample(labels: [("workflow", row.text(0) ?? ""), ("route", "remote")], value: Double(row.int(1)))
        }
        let local = try store.database.prepared("""
            SELECT json_extract(body, '$.data.eventType'), COUNT(*) FROM events
            WHERE type IN ('ai.gibson.hook.gibson.recovery', 'ai.gibson.hook.gibson.activation') AND json_valid(body)
              AND json_extract(body, '$.data.metadata.step') = 'complete' GROUP BY 1 ORDER BY 1
            """).rows { row in
            MetricsSnapshot.Sample(
                labels: [("workflow", "gibson-\(row.text(0) ?? "")-workflow"), ("route", "local")], value: Double(row.int(1)))
        }
        return remote + local
    }

    private func lastCheck() -> (up: Bool, seconds: Double)? {
        let parts = (store.value(for: MetricsStateKeys.lastCheck(target: Self.target)) ?? "").split(separator: " ")
        guard parts.count == 3, let seconds = Double(parts[1]) else { return nil }
        return (parts[0] == "1", seconds)
    }

    /// The newest `gibson.health-check` event's `healthy`, when any was recorded.
    private func lastHealthCheckEvent() throws -> Bool? {
        try store.database.prepared("""
            SELECT json_extract(body, '$.data.serviceStatus') FROM events
            WHERE type = 'ai.gibson.hook.gibson.health-check' AND json_valid(body) ORDER BY seq DESC LIMIT 1
            """).rows { $0.text(0) }.first.map { $0 == "running" }
    }
}
