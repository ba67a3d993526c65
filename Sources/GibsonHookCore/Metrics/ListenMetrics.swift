import Foundation

/// The `listen` part of the metrics, read without writing: events received by origin, the effects triggers
/// stored by kind, and the age of the Temporal and Docker cursors.
extension MetricsReader {
    func readListen(into snapshot: inout MetricsSnapshot) throws {
        let database = store.database
        let hasReceived = try database.scalarInt("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'received'") > 0
        if hasReceived {
            snapshot.listenReceived = try database.prepared("SELECT origin, COUNT(*) FROM received GROUP BY origin ORDER BY origin")
                .rows { MetricsSnapshot.Sample(labels: [("origin", $0.text(0) ?? "")], value: Double($0.int(1))) }
        }
        snapshot.triggersFired = try database.prepared("""
            SELECT CASE type WHEN ? THEN 'workflow' WHEN ? THEN 'run' ELSE 'emit' END, COUNT(*) FROM events
            WHERE json_valid(body) AND json_extract(body, '$.\(EventTriggerPlan.chainAttribute)') IS NOT NULL GROUP BY 1 ORDER BY 1
            """).rows([.text(WorkflowRequest.eventType), .text(ActionRun.eventType)]) {
            MetricsSnapshot.Sample(labels: [("effect", $0.text(0) ?? "")], value: Double($0.int(1)))
        }
        var ages: [MetricsSnapshot.Sample] = []
        if let text = store.value(for: DockerSource.cursorKey), let nanos = Double(text) {
            ages.append(MetricsSnapshot.Sample(labels: [("source", "docker")], value: max(0, now.timeIntervalSince1970 - nanos / 1e9)))
        }
        if let text = store.value(for: TemporalSource.cursorKey), let date = TemporalSource.date(text) {
            ages.append(MetricsSnapshot.Sample(labels: [("source", "temporal")], value: max(0, now.timeIntervalSince(date))))
        }
        snapshot.listenCursorAge = ages
        let lag = (store.value(for: Listener.lagKey) ?? "").split(separator: " ").compactMap { Double($0) }
        if lag.count == 3 {
            if lag[0] >= 0 { snapshot.listenQueued.append(MetricsSnapshot.Sample(labels: [("source", "kafka")], value: lag[0])) }
            if lag[1] >= 0 { snapshot.listenQueued.append(MetricsSnapshot.Sample(labels: [("source", "webhook")], value: lag[1])) }
        }
    }
}
