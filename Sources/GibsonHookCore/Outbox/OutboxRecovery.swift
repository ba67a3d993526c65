import Foundation

/// What `OutboxStore.recover(from:)` saved from a damaged outbox.
public struct OutboxRecoveryReport: Sendable, Equatable {
    /// Events stored into the current outbox, pending for every sink.
    public var recovered = 0
    /// Events the current outbox already had (same source and id).
    public var alreadyStored = 0
    /// Events the damaged file shows as delivered to every sink that had them: not stored again.
    public var delivered = 0
    /// Rows that were readable but whose event is not valid JSON.
    public var unreadableEvents = 0
    /// Stretches of damaged pages skipped (each may have held several events).
    public var damagedStretches = 0
    /// True when the file's 100-byte header was unreadable and a rebuilt one was used (on a copy).
    public var rebuiltHeader = false

    public init() {}

    /// The `--json` shape.
    public var jsonValue: JSONValue {
        [
            "recovered": .integer(Int64(recovered)), "alreadyStored": .integer(Int64(alreadyStored)),
            "delivered": .integer(Int64(delivered)), "unreadableEvents": .integer(Int64(unreadableEvents)),
            "damagedStretches": .integer(Int64(damagedStretches)), "rebuiltHeader": .bool(rebuiltHeader),
        ]
    }
}

extension OutboxStore {
    /// Copies every readable event of the damaged outbox at `damagedPath` into this one, in their original
    /// order, as pending events. SQLite's `.recover` is a feature of its command-line shell, so this reads the
    /// `events` table in `seq` order and, where a page cannot be read, probes ever further ahead until the
    /// b-tree answers again: events on damaged pages are lost, everything else is kept. Delivery state is
    /// read when its table is readable (events delivered everywhere are skipped); otherwise every event comes
    /// back pending and a consumer may see it twice (it de-duplicates on source + id).
    public func recover(from damagedPath: String) throws -> OutboxRecoveryReport {
        guard (damagedPath as NSString).standardizingPath != (path as NSString).standardizingPath else {
            throw SQLiteError.open(path: damagedPath, message: "it is the outbox in use: give the moved-aside '.damaged-' file")
        }
        guard FileManager.default.fileExists(atPath: damagedPath) else {
            throw SQLiteError.open(path: damagedPath, message: "no such file")
        }
        var report = OutboxRecoveryReport()
        let damaged = try OutboxHeaderRepair.readable(damagedPath, report: &report)
        let deliveredEverywhere = Set((try? damaged.prepared(
            "SELECT seq FROM deliveries GROUP BY seq HAVING SUM(state != 'delivered') = 0").rows { $0.int(0) }) ?? [])
        let select = try damaged.prepared("SELECT seq, topic, key, body FROM events WHERE seq >= ? ORDER BY seq LIMIT 500")
        var cursor = 0
        while true {
            var batch: [(OutboundEvent, [UInt8])] = []
            var last: Int?
            do {
                try select.each([.int(cursor)]) { row in
                    last = row.int(0)
                    if deliveredEverywhere.contains(row.int(0)) {
                        report.delivered += 1
                    } else if let event = try? Self.decode(row, body: 3, topic: 1, key: 2) {
                        batch.append((event, event.storedJSON ?? []))
                    } else {
                        report.unreadableEvents += 1
                    }
                    return true
                }
            } catch let error as SQLiteError where error.isDamage {
                try store(batch, into: &report)
                report.damagedStretches += 1
                guard let next = Self.nextReadable(after: last.map { $0 + 1 } ?? cursor, in: damaged) else { return report }
                cursor = next
                continue
            }
            try store(batch, into: &report)
            guard let last else { return report }
            cursor = last + 1
        }
    }

    private func store(_ batch: [(OutboundEvent, [UInt8])], into report: inout OutboxRecoveryReport) throws {
        let duplicates = try record(serialized: batch)
        report.alreadyStored += duplicates.filter { $0 }.count
        report.recovered += duplicates.filter { !$0 }.count
    }

    /// The first `seq` at or after `start` + 1 from which the table reads again: one step at a time over the
    /// first 64 numbers, then doubling steps; nil when nothing further is readable.
    static func nextReadable(after start: Int, in database: SQLiteDatabase) -> Int? {
        guard let probe = try? database.prepared("SELECT seq FROM events WHERE seq >= ? ORDER BY seq LIMIT 1") else { return nil }
        var candidate = start + 1
        var step = 1
        var tries = 0
        while candidate < Int(Int64.max / 4) {
            if let found = try? probe.rows([.int(candidate)], limit: 1, { $0.int(0) }) { return found.first ?? nil }
            tries += 1
            if tries > 64 { step *= 2 }
            candidate += step
        }
        return nil
    }
}
