import Foundation

/// Renders a `MetricsSnapshot` in the Prometheus text exposition format (version 0.0.4): a `# HELP` and
/// `# TYPE` line per family, label values escaped, histograms with cumulative `le` buckets, `_sum`, `_count`.
public enum PrometheusExposition {
    /// The Content-Type of the format.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// Upper bounds (seconds) of `gibson_hook_delivery_seconds`' buckets.
    public static let deliveryBuckets: [Double] = [0.1, 0.5, 1, 5, 15, 60, 300, 1800, 3600, 86400]

    /// The text of `snapshot`, ending in a newline.
    public static func render(_ snapshot: MetricsSnapshot) -> String {
        var out = ""
        family(&out, "gibson_up", "gauge", "1 when the last check of the Gibson target was healthy, 0 when it failed.", snapshot.up)
        family(&out, "gibson_hook_outbox_events", "gauge", "Outbox delivery rows by state and sink.", snapshot.outboxEvents)
        out += "# HELP gibson_hook_delivery_seconds Seconds from recording an event to its delivery, by sink.\n"
        out += "# TYPE gibson_hook_delivery_seconds histogram\n"
        for sink in snapshot.deliverySeconds.keys.sorted() {
            let values = snapshot.deliverySeconds[sink] ?? []
            let sink = escape(sink)
            for bound in deliveryBuckets {
                let count = values.filter { $0 <= bound }.count
                out += "gibson_hook_delivery_seconds_bucket{sink=\"\(sink)\",le=\"\(number(bound))\"} \(count)\n"
            }
            out += "gibson_hook_delivery_seconds_bucket{sink=\"\(sink)\",le=\"+Inf\"} \(values.count)\n"
            out += "gibson_hook_delivery_seconds_sum{sink=\"\(sink)\"} \(number(values.reduce(0, +)))\n"
            out += "gibson_hook_delivery_seconds_count{sink=\"\(sink)\"} \(values.count)\n"
        }
        family(&out, "gibson_hook_requests_total", "counter",
            "Delivery requests per sink by outcome code: the HTTP status, else what happened (timeout, connection, Kafka error).",
            snapshot.requests)
        family(&out, "gibson_hook_workflow_started_total", "counter",
            "Workflow runs started, remote (requested from Temporal) or local (run by gibson-hook).", snapshot.workflowsStarted)
        family(&out, "gibson_hook_breaker_open", "gauge", "1 while the circuit breaker of the sink's endpoint is open.", snapshot.breakerOpen)
        let check = snapshot.healthCheckSeconds.map { [MetricsSnapshot.Sample(labels: [("target", "gibson")], value: $0)] } ?? []
        family(&out, "gibson_hook_health_check_seconds", "gauge", "How long the last health check of the target took.", check)
        // The listen families appear once there is something to count, so a machine that never listens is unchanged.
        if !snapshot.listenReceived.isEmpty {
            family(&out, "gibson_hook_listen_received_total", "counter", "Events gibson-hook listen received, by source.", snapshot.listenReceived)
        }
        if !snapshot.triggersFired.isEmpty {
            family(&out, "gibson_hook_triggers_fired_total", "counter", "Effects stored by event triggers, by kind (workflow, run, emit).", snapshot.triggersFired)
        }
        if !snapshot.listenQueued.isEmpty {
            family(&out, "gibson_hook_listen_lag", "gauge",
                "What a listen source has not processed yet: Kafka records behind the high watermark, webhook requests waiting.",
                snapshot.listenQueued)
        }
        if !snapshot.listenCursorAge.isEmpty {
            family(&out, "gibson_hook_listen_cursor_age_seconds", "gauge", "Seconds between now and the position of a polled source's cursor.", snapshot.listenCursorAge)
        }
        return out
    }

    private static func family(_ out: inout String, _ name: String, _ type: String, _ help: String, _ samples: [MetricsSnapshot.Sample]) {
        out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
        for sample in samples {
            let labels = sample.labels.map { "\($0.0)=\"\(escape($0.1))\"" }.joined(separator: ",")
            out += name + (labels.isEmpty ? "" : "{\(labels)}") + " " + number(sample.value) + "\n"
        }
    }

    /// A label value with `\`, `"` and newlines escaped.
    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    /// A value as Prometheus reads it: integers without a fraction, others in full precision.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
