import Foundation

/// A delivery row claimed by one flush: the event as stored, leased to the claimer until `leaseUntil`.
struct ClaimedDelivery {
    let seq: Int
    let sink: String
    let attempts: Int
    let outbound: OutboundEvent
}

/// The final or intermediate state of one claimed row after a delivery attempt.
enum DeliveryUpdate {
    case delivered
    case retry(error: String, nextAttempt: Date)
    case dead(error: String)
    /// The sink is gone: release the lease, count no attempt.
    case release
    /// The sink did not answer (or the row was never sent): pending again from `nextAttempt`, no attempt
    /// counted; `error` (when given) replaces the last error.
    case postpone(error: String?, nextAttempt: Date)
}

extension OutboxStore {
    /// Creates the missing delivery rows of `sink` for events stored since its last materialisation, keeping
    /// only events the sink accepts. Safe to run from several processes (rows are unique per sink and event).
    func materialize(sink: EventSink) throws {
        let watermarkKey = "materialized." + sink.name
        try database.writeTransaction {
            let watermark = Int(value(for: watermarkKey) ?? "0") ?? 0
            let maxSeq = try database.scalarInt("SELECT COALESCE(MAX(seq), 0) FROM events")
            let now = clock.now().timeIntervalSince1970
            if sink.acceptsEveryEvent {
                // One statement for the whole range: no event is read back into Swift.
                try database.prepared("""
                    INSERT OR IGNORE INTO deliveries(sink, seq, state, updated_at)
                    SELECT ?, seq, 'pending', ? FROM events WHERE seq > ? AND seq <= ? ORDER BY seq
                    """).run([.text(sink.name), .double(now), .int(watermark), .int(maxSeq)])
            } else {
                let select = try database.prepared("SELECT seq, topic, key, body FROM events WHERE seq > ? ORDER BY seq")
                let accepted: [Int] = try select.rows([.int(watermark)]) { row in
                    // An unreadable event gets a row too, so that the claim turns it into a visible dead letter.
                    guard let outbound = try? Self.decode(row, body: 3, topic: 1, key: 2) else { return row.int(0) }
                    return sink.accepts(outbound) ? row.int(0) : nil
                }
                let insert = try database.prepared(
                    "INSERT OR IGNORE INTO deliveries(sink, seq, state, updated_at) VALUES (?, ?, 'pending', ?)")
                for seq in accepted where seq <= maxSeq { try insert.run([.text(sink.name), .int(seq), .double(now)]) }
            }
            if maxSeq > watermark { setValue(String(maxSeq), for: watermarkKey) }
        }
    }

    /// Reads a stored event back from the row's `body` column (JSON event format).
    static func decode(_ row: SQLiteStatement, body: Int32, topic: Int32, key: Int32) throws -> OutboundEvent {
        let (event, stored) = try row.withBytes(body) { bytes in
            (try CloudEvent(jsonObject: JSONByteParser.parse(bytes)), Array(bytes))
        }
        return OutboundEvent(event: event, topic: row.text(topic) ?? "", key: row.text(key), storedJSON: stored)
    }

    /// Reads a stored event back without parsing it when its bytes are one JSON object; nil otherwise.
    static func unparsed(_ row: SQLiteStatement, body: Int32, topic: Int32, key: Int32) -> OutboundEvent? {
        guard let stored = row.withBytes(body, { JSONSyntaxCheck.isObject($0) ? Array($0) : nil }) else { return nil }
        return OutboundEvent(unparsed: stored, topic: row.text(topic) ?? "", key: row.text(key))
    }

    /// Leases up to `limit` due rows of `sink` to `owner`, oldest first, skipping every row whose key has an
    /// earlier row that is not yet due or is leased by a live flush (per-key order). With `parse` false the
    /// events are only checked to be JSON objects, not read (for sinks that send the stored bytes).
    func claim(sink: String, limit: Int, owner: String, leaseUntil: Date, parse: Bool = true) throws -> [ClaimedDelivery] {
        let now = clock.now().timeIntervalSince1970
        return try database.writeTransaction {
            // The partial index of pending rows: without it SQLite walks every delivered row of the sink
            // first, so each claim got slower as the flush went on.
            let select = try database.prepared("""
                SELECT d.seq, d.attempts, d.next_attempt_at, d.lease_owner, d.lease_until, e.topic, e.key, e.body
                FROM deliveries d INDEXED BY deliveries_pending JOIN events e ON e.seq = d.seq
                WHERE d.sink = ? AND d.state = 'pending' ORDER BY d.seq
                """)
            var blockedKeys = Set<String>()
            var claimed: [ClaimedDelivery] = []
            var unreadable: [Int] = []
            try select.each([.text(sink)]) { row in
                let key = row.text(6)
                let leased = !row.isNull(4) && row.double(4) > now && Self.isLive(owner: row.text(3) ?? "")
                let waiting = row.double(2) > now
                if leased || waiting {
                    if let key { blockedKeys.insert(key) }
                    return true
                }
                if let key, blockedKeys.contains(key) { return true }
                let outbound = parse
                    ? try? Self.decode(row, body: 7, topic: 5, key: 6) : Self.unparsed(row, body: 7, topic: 5, key: 6)
                if let outbound {
                    claimed.append(ClaimedDelivery(seq: row.int(0), sink: sink, attempts: row.int(1), outbound: outbound))
                } else {
                    unreadable.append(row.int(0))
                }
                return claimed.count < limit
            }
            // A row whose stored event cannot be read would never leave the pending state: make it dead.
            for seq in unreadable {
                try database.prepared(
                    "UPDATE deliveries SET state = 'dead', last_error = 'the stored event cannot be read', updated_at = ? WHERE sink = ? AND seq = ?"
                ).run([.double(now), .text(sink), .int(seq)])
            }
            if !claimed.isEmpty {
                try database.prepared("""
                    UPDATE deliveries SET lease_owner = ?, lease_until = ?
                    WHERE sink = ? AND seq IN (SELECT value FROM json_each(?))
                    """).run([
                    .text(owner), .double(leaseUntil.timeIntervalSince1970), .text(sink),
                    .utf8(Self.jsonArray(claimed.map(\.seq))),
                ])
            }
            return claimed
        }
    }

    /// Records the results of one attempt and releases the leases: one statement for all delivered rows and
    /// one for all released rows of a sink, one per row for retries and dead letters (their errors differ);
    /// `request`, when given, is counted for `gibson_hook_requests_total` in the same transaction.
    func complete(_ results: [(ClaimedDelivery, DeliveryUpdate)], request: (sink: String, code: String)? = nil) throws {
        let now = clock.now().timeIntervalSince1970
        try database.writeTransaction {
            if let request { try countRequest(sink: request.sink, code: request.code) }
            let update = try database.prepared("""
                UPDATE deliveries SET state = ?, attempts = attempts + ?, last_error = COALESCE(?, last_error),
                next_attempt_at = ?, lease_owner = NULL, lease_until = NULL, updated_at = ? WHERE sink = ? AND seq = ?
                """)
            var delivered: [String: [Int]] = [:]
            var released: [String: [Int]] = [:]
            for (row, result) in results {
                let values: (String, Int, String?, Double)
                switch result {
                case .delivered: delivered[row.sink, default: []].append(row.seq); continue
                case .release: released[row.sink, default: []].append(row.seq); continue
                case .retry(let error, let next): values = ("pending", 1, error, next.timeIntervalSince1970)
                case .dead(let error): values = ("dead", 1, error, 0)
                case .postpone(let error, let next): values = ("pending", 0, error, next.timeIntervalSince1970)
                }
                try update.run([
                    .text(values.0), .int(values.1), values.2.map(SQLiteValue.text) ?? .null, .double(values.3), .double(now),
                    .text(row.sink), .int(row.seq),
                ])
            }
            for (sink, seqs) in delivered { try updateMany(sink: sink, seqs: seqs, state: "delivered", attempts: 1, now: now) }
            for (sink, seqs) in released { try updateMany(sink: sink, seqs: seqs, state: "pending", attempts: 0, now: now) }
        }
    }

    /// Sets `state` on the rows `seqs` of `sink` in one statement, releasing their leases.
    private func updateMany(sink: String, seqs: [Int], state: String, attempts: Int, now: Double) throws {
        try database.prepared("""
            UPDATE deliveries SET state = ?, attempts = attempts + ?, next_attempt_at = 0, lease_owner = NULL,
            lease_until = NULL, updated_at = ? WHERE sink = ? AND seq IN (SELECT value FROM json_each(?))
            """).run([.text(state), .int(attempts), .double(now), .text(sink), .utf8(Self.jsonArray(seqs))])
    }

    /// `[1,2,3]`: a list of row numbers for `json_each`.
    static func jsonArray(_ seqs: [Int]) -> [UInt8] {
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        bytes.reserveCapacity(seqs.count * 8 + 2)
        for (index, seq) in seqs.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: String(seq).utf8)
        }
        bytes.append(UInt8(ascii: "]"))
        return bytes
    }

    /// Pending rows of `sink`, and the earliest future time one of them becomes due (nil when none waits
    /// for a retry time; rows leased by another flush are left to it).
    func pendingSummary(sink: String) throws -> (count: Int, nextDue: Date?) {
        let statement = try database.prepared("""
            SELECT COUNT(*), MIN(CASE WHEN next_attempt_at > ?2 THEN next_attempt_at END)
            FROM deliveries INDEXED BY deliveries_pending WHERE sink = ?1 AND state = 'pending'
            """)
        let now = clock.now().timeIntervalSince1970
        let row = try statement.rows([.text(sink), .double(now)], limit: 1) { ($0.int(0), $0.isNull(1) ? nil : $0.double(1)) }.first
        guard let row, row.0 > 0 else { return (0, nil) }
        return (row.0, row.1.map { Date(timeIntervalSince1970: $0) })
    }

    /// True when `sink` has pending rows or events not yet assigned to it: what `Deliverer` asks before it
    /// lets a sink start its slow set-up.
    func mayHaveWork(for sink: EventSink) throws -> Bool {
        let watermark = Int(value(for: "materialized." + sink.name) ?? "0") ?? 0
        if try database.scalarInt("SELECT COALESCE(MAX(seq), 0) FROM events") > watermark { return true }
        return try database.scalarInt(
            "SELECT EXISTS(SELECT 1 FROM deliveries INDEXED BY deliveries_pending WHERE sink = ? AND state = 'pending')",
            [.text(sink.name)]) == 1
    }

    /// Events that no sink has a row for yet (recorded while no sink was configured).
    public func unassignedCount() throws -> Int {
        try database.scalarInt("SELECT COUNT(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.seq = e.seq)")
    }

    /// A lease owner name for this process: host, pid and a random suffix.
    static func leaseOwner() -> String {
        "\(EventStamp.hostName):\(getpid()):\(UInt32.random(in: 0...UInt32.max))"
    }

    /// False when `owner` names a process on this host that no longer exists, so a killed flush's leases
    /// are taken over at once instead of after they expire.
    static func isLive(owner: String) -> Bool {
        let parts = owner.split(separator: ":")
        guard parts.count >= 3, String(parts[0]) == EventStamp.hostName, let pid = Int32(parts[1]) else {
            return true
        }
        if pid == getpid() { return true }
        return kill(pid, 0) == 0 || errno != ESRCH
    }
}
