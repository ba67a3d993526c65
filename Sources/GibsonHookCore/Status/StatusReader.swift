import Foundation

/// Reads the outbox half of `StatusReport`: Gibson's recorded history and each sink's rows. Only reads;
/// no sink is built, so neither libcurl nor librdkafka is loaded.
struct StatusReader {
    let store: OutboxStore
    let configuration: Configuration
    let now: Date
    /// How many gibson events `recent` shows.
    static let recentLimit = 10

    private static let gibsonTypes = EventFamily.gibson.type("%")

    /// Gibson's health and history as the outbox recorded them.
    func gibson() throws -> StatusReport.GibsonStatus {
        let select = """
            SELECT created_at, json_extract(body, '$.data.eventType'), json_extract(body, '$.data.serviceStatus'),
                   COALESCE(json_extract(body, '$.data.metadata.step'), ''), json_extract(body, '$.data.metadata.ok'),
                   COALESCE(json_extract(body, '$.data.metadata.detail'), json_extract(body, '$.data.metadata.summary'),
                            'started workflow ''' || json_extract(body, '$.data.metadata.workflowId') || '''', '')
            FROM events WHERE type LIKE ?1 AND json_valid(body)
            """
        let entry: (SQLiteStatement) -> StatusReport.HistoryEntry = { row in
            let type = row.text(1) ?? ""
            let step = row.text(3) ?? ""
            // The supervised process's own steps (`process-*`) are neither a remote nor a local workflow.
            let workflow = ["recovery", "activation"].contains(type) && !step.hasPrefix("process-")
            let route = workflow ? (step == "remote-start" ? "remote" : "local") : nil
            return StatusReport.HistoryEntry(
                time: Date(timeIntervalSince1970: row.double(0)), eventType: type, serviceStatus: row.text(2) ?? "",
                step: step, route: route, ok: row.isNull(4) ? nil : row.int(4) != 0, detail: row.text(5) ?? "")
        }
        let pattern = SQLiteValue.text(Self.gibsonTypes)
        let recent = try store.database.prepared(select + " ORDER BY seq DESC LIMIT \(Self.recentLimit)").rows([pattern], entry)
        // A recovery starts only after a probe failed, and the pre-commit gate records its failures only so:
        // its first step (`remote-start`, or `diagnose` locally) is a check that found Gibson unhealthy.
        let lastCheck = try store.database.prepared(select + """
             AND (json_extract(body, '$.data.eventType') = 'health-check'
                  OR json_extract(body, '$.data.metadata.step') IN ('remote-start', 'diagnose'))
            ORDER BY seq DESC LIMIT 1
            """).rows([pattern], entry).first
        let counts = try store.database.prepared("""
            SELECT
              SUM(json_extract(body, '$.data.eventType') = 'health-check' AND json_extract(body, '$.data.serviceStatus') = 'error'),
              SUM(json_extract(body, '$.data.eventType') = 'recovery' AND json_extract(body, '$.data.metadata.step') = 'remote-start'),
              SUM(json_extract(body, '$.data.eventType') = 'recovery' AND json_extract(body, '$.data.metadata.step') = 'complete'),
              SUM(json_extract(body, '$.data.eventType') = 'recovery' AND json_extract(body, '$.data.metadata.step') = 'complete'
                  AND json_extract(body, '$.data.metadata.ok'))
            FROM events WHERE type LIKE ?1 AND json_valid(body)
            """).rows([pattern]) { row in (0...3).map { row.int(Int32($0)) } }.first ?? [0, 0, 0, 0]
        return StatusReport.GibsonStatus(
            lastCheck: lastCheck, incidents: counts[0], remoteRecoveries: counts[1], localRecoveries: counts[2],
            localRecovered: counts[3], recent: recent)
    }

    /// Each configured sink, then each sink only old rows name; with the events no sink has yet.
    func sinks() throws -> (sinks: [StatusReport.SinkStatus], unassigned: Int, unassignedOldest: Date?) {
        var configured: [(name: String, url: String)] = []
        for (kind, url) in SinkRegistry.configured(configuration) where !configured.contains(where: { $0.name == kind.name }) {
            configured.append((kind.name, url))
        }
        let named = try store.database.prepared("SELECT DISTINCT sink FROM deliveries ORDER BY sink").rows { $0.text(0) }
        var result = try configured.map { try sink($0.name, url: $0.url) }
        for name in named where !configured.contains(where: { $0.name == name }) { result.append(try sink(name, url: nil)) }
        guard configured.isEmpty else { return (result, 0, nil) }
        let unassigned = try store.database.prepared(
            "SELECT COUNT(*), MIN(created_at) FROM events e WHERE NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.seq = e.seq)"
        ).rows { row in (row.int(0), row.isNull(1) ? nil : Date(timeIntervalSince1970: row.double(1))) }.first ?? (0, nil)
        return (result, unassigned.0, unassigned.1)
    }

    private func sink(_ name: String, url: String?) throws -> StatusReport.SinkStatus {
        let database = store.database
        // One pass over the sink's rows (its primary-key range), no join: the oldest pending row is the one
        // with the lowest seq, whose recording time is then one primary-key lookup.
        let rows = try database.prepared("""
            SELECT SUM(state = 'pending'), SUM(state = 'delivered'), SUM(state = 'dead'),
                   MIN(CASE WHEN state = 'pending' THEN seq END), MAX(CASE WHEN state = 'delivered' THEN updated_at END)
            FROM deliveries WHERE sink = ?1
            """).rows([.text(name)]) { row in
            (row.int(0), row.int(1), row.int(2), row.isNull(3) ? nil : row.int(3), row.isNull(4) ? nil : row.double(4))
        }.first ?? (0, 0, 0, nil, nil)
        let oldest = try rows.3.flatMap { seq in
            try database.prepared("SELECT created_at FROM events WHERE seq = ?1").rows([.int(seq)]) { $0.double(0) }.first
        }
        var status = StatusReport.SinkStatus(
            name: name, configured: url != nil, pending: rows.0, delivered: rows.1, dead: rows.2,
            oldestPending: oldest.map(Date.init(timeIntervalSince1970:)), lastDelivered: rows.4.map(Date.init(timeIntervalSince1970:)))
        status.lastError = try database.prepared("""
            SELECT last_error FROM deliveries WHERE sink = ?1 AND state != 'delivered' AND last_error IS NOT NULL
            ORDER BY updated_at DESC LIMIT 1
            """).rows([.text(name)]) { $0.text(0) }.first
        guard let url else { return status }
        // Events recorded since the sink's last flush have no row yet: they are pending for it all the same.
        let watermark = Int(store.value(for: "materialized." + name) ?? "0") ?? 0
        let onlyType = SinkRegistry.kinds.first { $0.name == name }?.onlyEventType
        let waiting = try database.prepared("""
            SELECT COUNT(*), MIN(created_at) FROM events WHERE seq > ?1 AND (?2 = 0 OR type = ?3)
            """).rows([.int(watermark), .int(onlyType == nil ? 0 : 1), .text(onlyType ?? "")]) { row in
            (row.int(0), row.isNull(1) ? nil : Date(timeIntervalSince1970: row.double(1)))
        }.first ?? (0, nil)
        status.pending += waiting.0
        status.oldestPending = [status.oldestPending, waiting.1].compactMap { $0 }.min()
        (status.breaker, status.breakerOpenUntil) = breaker(url)
        return status
    }

    /// The breaker of the sink's endpoint, read as `CircuitBreaker` decides.
    private func breaker(_ url: String) -> (String, Date?) {
        let breaker = CircuitBreaker(
            cache: store, threshold: max(1, configuration.delivery.breakerFailureThreshold),
            recoveryTimeout: configuration.delivery.breakerRecoveryTimeout.seconds)
        switch breaker.decision(for: SinkRegistry.endpoint(of: url), now: now) {
        case .closed: return ("closed", nil)
        case .halfOpen: return ("half-open", nil)
        case .open(let until): return ("open", until)
        }
    }
}
