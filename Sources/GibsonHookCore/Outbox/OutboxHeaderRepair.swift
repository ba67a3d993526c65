import Foundation

/// Opens a damaged outbox for reading, rebuilding its 100-byte header on a copy when the header itself is
/// what is damaged ("file is not a database"): the pages behind it usually still hold every event.
///
/// The rebuilt header is what gibson-hook's own outboxes have (4 KiB pages, UTF-8, schema format 4, WAL
/// off so the copy reads alone); the page count comes from the file size. A file with another page size
/// stays unreadable and recovery says so.
enum OutboxHeaderRepair {
    /// A connection that reads `path`, or a copy of it with a rebuilt header; throws when neither reads.
    static func readable(_ path: String, report: inout OutboxRecoveryReport) throws -> SQLiteDatabase {
        let original = try SQLiteDatabase(path: path)
        do {
            _ = try original.scalarInt("SELECT COUNT(*) FROM sqlite_master")
            return original
        } catch let error as SQLiteError where error.isDamage {
            guard let copy = try rebuiltCopy(of: path) else { throw error }
            let database = try SQLiteDatabase(path: copy)
            unlink(copy)  // the open connection keeps reading it; nothing is left behind
            do { _ = try database.scalarInt("SELECT COUNT(*) FROM sqlite_master") } catch { throw error }
            report.rebuiltHeader = true
            return database
        }
    }

    static let pageSize = 4096

    /// Copies `path` with a fresh header to a temporary file; nil when the file is too small to hold pages.
    private static func rebuiltCopy(of path: String) throws -> String? {
        guard var bytes = FileManager.default.contents(atPath: path).map(Array.init), bytes.count >= pageSize else { return nil }
        let pages = UInt32(bytes.count / pageSize)
        var header = [UInt8](repeating: 0, count: 100)
        header.replaceSubrange(0..<16, with: Array("SQLite format 3\0".utf8))
        header[16] = 0x10; header[17] = 0x00  // page size 4096
        header[18] = 1; header[19] = 1  // legacy journal: the copy is read without a WAL
        header[21] = 64; header[22] = 32; header[23] = 32  // payload fractions (fixed by the format)
        put(1, at: 24, in: &header)  // change counter
        put(pages, at: 28, in: &header)  // database size in pages
        put(1, at: 40, in: &header)  // schema cookie
        put(4, at: 44, in: &header)  // schema format
        put(1, at: 56, in: &header)  // UTF-8
        put(UInt32(OutboxSchema.version), at: 60, in: &header)  // user_version
        put(1, at: 92, in: &header)  // valid-for = change counter
        put(3_040_001, at: 96, in: &header)
        bytes.replaceSubrange(0..<100, with: header)
        let copy = NSTemporaryDirectory() + "gibson-hook-recover-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).sqlite3"
        guard FileManager.default.createFile(atPath: copy, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else {
            return nil
        }
        return copy
    }

    private static func put(_ value: UInt32, at offset: Int, in header: inout [UInt8]) {
        for index in 0..<4 { header[offset + index] = UInt8(truncatingIfNeeded: value >> (24 - 8 * index)) }
    }
}
