import Foundation

/// What happened to one event `listen` received.
public struct ReceiveOutcome: Sendable, Equatable {
    public var id: String
    public var source: String
    public var type: String
    /// `webhook` or `kafka`.
    public var origin: String
    /// True when an event with the same source and id was received before: nothing was stored or fired.
    public var duplicate: Bool
    /// Events its triggers stored (workflow starts, republished copies, action runs).
    public var effects: Int
}

extension OutboxStore {
    /// Creates the `received` table when missing: the identity (source and id) and JSON of every event
    /// `listen` received, so a redelivered event is recognised and fires nothing twice. Received events are
    /// not in `events`: they came from elsewhere and are not sent on again.
    func prepareReceiving() throws {
        try database.execute("""
            CREATE TABLE IF NOT EXISTS received(
                source TEXT NOT NULL, id TEXT NOT NULL, type TEXT NOT NULL, origin TEXT NOT NULL, topic TEXT NOT NULL,
                body TEXT NOT NULL, received_at REAL NOT NULL, PRIMARY KEY(source, id)) WITHOUT ROWID;
            """)
    }

    /// Records `events` received from `origin` (on `topic`, empty for the webhook) with every effect their
    /// triggers ask for, in one transaction, together with `alongside` (a Kafka source's or a cursor's
    /// bookkeeping). Returns once it is committed, one outcome per event in order.
    public func receive(
        _ events: [CloudEvent], topic: String, origin: String, alongside: () throws -> Void = {}
    ) throws -> [ReceiveOutcome] {
        try receive(events.map { ($0, topic) }, origin: origin, alongside: alongside)
    }

    /// Records events each with its own topic (a Kafka batch), like `receive(_:topic:origin:alongside:)`.
    public func receive(
        _ events: [(event: CloudEvent, topic: String)], origin: String, alongside: () throws -> Void = {}
    ) throws -> [ReceiveOutcome] {
        try prepareReceiving()
        let now = clock.now().timeIntervalSince1970
        return try recoveringFromDamage {
            try database.writeTransaction {
                let insert = try database.prepared("""
                    INSERT OR IGNORE INTO received(source, id, type, origin, topic, body, received_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """)
                var outcomes: [ReceiveOutcome] = []
                for (event, topic) in events {
                    try insert.run([
                        .text(event.source), .text(event.id), .text(event.type), .text(origin), .text(topic),
                        .utf8(EventJSONWriter.bytes(of: event)), .double(now),
                    ])
                    var outcome = ReceiveOutcome(
                        id: event.id, source: event.source, type: event.type, origin: origin, duplicate: database.changes == 0,
                        effects: 0)
                    if !outcome.duplicate { outcome.effects = try storeEffects(of: event, topic: topic, origin: origin, at: now) }
                    outcomes.append(outcome)
                }
                try alongside()
                return outcomes
            }
        }
    }

    /// Events received so far, by origin.
    public func receivedCounts() throws -> [String: Int] {
        try prepareReceiving()
        let rows: [(String, Int)] = try database.prepared("SELECT origin, COUNT(*) FROM received GROUP BY origin").rows([]) {
            ($0.text(0) ?? "", $0.int(1))
        }
        return Dictionary(rows, uniquingKeysWith: +)
    }
}
