internal import CSQLite

/// A value bound to a statement parameter.
enum SQLiteValue {
    case null
    case int(Int)
    case double(Double)
    case text(String)
    /// UTF-8 bytes bound as text (no String round trip on hot paths).
    case utf8([UInt8])
}

/// One prepared statement, owned here and finalized in `deinit`.
final class SQLiteStatement {
    private let pointer: OpaquePointer
    private unowned let database: SQLiteDatabase

    init(database: SQLiteDatabase, sql: String) throws {
        var statement: OpaquePointer?
        try database.check(sqlite3_prepare_v3(database.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil))
        guard let statement else { throw SQLiteError.statement(code: SQLITE_MISUSE, message: "empty statement") }
        self.pointer = statement
        self.database = database
    }

    deinit { sqlite3_finalize(pointer) }

    /// Clears the previous run and its bindings.
    func reset() {
        sqlite3_reset(pointer)
        sqlite3_clear_bindings(pointer)
    }

    /// Binds `values` to parameters 1...n.
    func bind(_ values: [SQLiteValue]) throws {
        for (offset, value) in values.enumerated() { try bind(value, at: Int32(offset + 1)) }
    }

    /// Binds one value to the 1-based parameter `index`.
    func bind(_ value: SQLiteValue, at index: Int32) throws {
        switch value {
        case .null: try database.check(sqlite3_bind_null(pointer, index))
        case .int(let number): try database.check(sqlite3_bind_int64(pointer, index, Int64(number)))
        case .double(let number): try database.check(sqlite3_bind_double(pointer, index, number))
        case .text(let text):
            _ = try text.utf8CString.withUnsafeBufferPointer { buffer in
                try database.check(gh_sqlite_bind_text(pointer, index, buffer.baseAddress, Int32(buffer.count - 1)))
            }
        case .utf8(let bytes) where bytes.isEmpty:
            try bind(.text(""), at: index)
        case .utf8(let bytes):
            _ = try bytes.withUnsafeBufferPointer { buffer in
                try buffer.withMemoryRebound(to: CChar.self) { chars in
                    try database.check(gh_sqlite_bind_text(pointer, index, chars.baseAddress, Int32(chars.count)))
                }
            }
        }
    }

    /// Advances to the next row; false when the statement is done.
    func step() throws -> Bool {
        try database.check(sqlite3_step(pointer)) == SQLITE_ROW
    }

    /// Runs a statement that returns no rows.
    func run(_ values: [SQLiteValue] = []) throws {
        defer { sqlite3_reset(pointer) }
        try bind(values)
        while try step() {}
    }

    /// Runs a query and maps every row with `row`, then resets so no read snapshot stays open.
    func rows<T>(_ values: [SQLiteValue] = [], limit: Int = Int.max, _ row: (SQLiteStatement) throws -> T?) throws -> [T] {
        defer { sqlite3_reset(pointer) }
        try bind(values)
        var result: [T] = []
        while result.count < limit, try step() {
            if let item = try row(self) { result.append(item) }
        }
        return result
    }

    /// Steps through the rows while `body` returns true, then resets.
    func each(_ values: [SQLiteValue] = [], _ body: (SQLiteStatement) throws -> Bool) throws {
        defer { sqlite3_reset(pointer) }
        try bind(values)
        while try step() {
            if try !body(self) { return }
        }
    }

    func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(pointer, column)) }
    func double(_ column: Int32) -> Double { sqlite3_column_double(pointer, column) }
    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(pointer, column) == SQLITE_NULL }

    /// The UTF-8 bytes of `column` (empty for NULL), valid only inside `body`.
    func withBytes<T>(_ column: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        let bytes = sqlite3_column_text(pointer, column)
        let count = Int(sqlite3_column_bytes(pointer, column))
        return try body(UnsafeBufferPointer(start: bytes, count: bytes == nil ? 0 : count))
    }

    /// The text of `column`, or nil when it is NULL.
    func text(_ column: Int32) -> String? {
        guard let bytes = sqlite3_column_text(pointer, column) else { return nil }
        let count = Int(sqlite3_column_bytes(pointer, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }
}
