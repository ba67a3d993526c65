import Foundation

/// What `flush` reports beyond its own work: dead letters nobody dealt with, rows another flush holds.
extension OutboxStore {
    /// Rows of `sinks` leased now by another live flush than `owner`, and the process ids of those flushes.
    func leasedElsewhere(sinks: [String], owner: String) throws -> (count: Int, pids: [Int]) {
        let statement = try database.prepared("""
            SELECT lease_owner, COUNT(*) FROM deliveries
            WHERE state = 'pending' AND lease_until > ? AND lease_owner != ?
              AND sink IN (SELECT value FROM json_each(?)) GROUP BY lease_owner
            """)
        let names = JSONValue.array(sinks.map { .string($0) }).serialized()
        let now = clock.now().timeIntervalSince1970
        let owners = try statement.rows([.double(now), .text(owner), .text(names)]) { ($0.text(0) ?? "", $0.int(1)) }
        let live = owners.filter { Self.isLive(owner: $0.0) }
        let pids = live.compactMap { entry in entry.0.split(separator: ":").dropFirst().first.flatMap { Int($0) } }
        return (live.reduce(0) { $0 + $1.1 }, Array(Set(pids)).sorted())
    }

    /// Dead letters of `sinks` (all sinks when nil) not yet retried or purged.
    public func deadCount(sinks: [String]? = nil) throws -> Int {
        guard let sinks else { return try database.scalarInt("SELECT COUNT(*) FROM deliveries WHERE state = 'dead'") }
        let names = JSONValue.array(sinks.map { .string($0) }).serialized()
        return try database.scalarInt(
            "SELECT COUNT(*) FROM deliveries WHERE state = 'dead' AND sink IN (SELECT value FROM json_each(?))",
            [.text(names)])
    }
}
