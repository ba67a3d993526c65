internal import CSQLite

/// Failures of the SQLite library, with the library's own message.
public enum SQLiteError: Error, Equatable, CustomStringConvertible {
    /// The database file could not be opened (permissions, missing directory, not a database).
    case open(path: String, message: String)
    /// A statement failed; `code` is SQLite's primary result code.
    case statement(code: Int32, message: String)
    /// The database is newer than this build understands.
    case unsupportedSchema(version: Int)
    /// The file is not a database or a page of it is damaged (`SQLITE_CORRUPT`, `SQLITE_NOTADB`).
    case damaged(path: String, message: String)
    /// The file system holding the database is full (`SQLITE_FULL`): nothing of the failed write was kept.
    case full(path: String)
    /// The database or its directory cannot be written (`SQLITE_READONLY`, `SQLITE_CANTOPEN` on write).
    case readOnly(path: String, message: String)
    /// Another process held the lock (`SQLITE_BUSY`), for `waitedMilliseconds` when the connection waited.
    case busy(path: String, waitedMilliseconds: Int)

    public var description: String {
        switch self {
        case .open(let path, let message):
            return "cannot open the outbox database '\(path)': \(message); check the path and its permissions"
        case .statement(let code, let message):
            return "database error \(code): \(message)"
        case .unsupportedSchema(let version):
            return "the outbox database has schema version \(version), newer than this gibson-hook: upgrade gibson-hook"
        case .damaged(let path, let message):
            return "the outbox database '\(path)' is damaged: \(message)"
        case .full(let path):
            return "cannot write the outbox database '\(path)': the file system is full; free some space and retry "
                + "(events already stored are kept)"
        case .readOnly(let path, let message):
            return "cannot write the outbox database '\(path)': \(message); check the permissions of the file and its directory"
        case .busy(let path, let waited):
            let how = waited > 0 ? "stayed locked by another process for \(DurationValue.milliseconds(Double(waited)))" : "was locked by another process"
            return "the outbox database '\(path)' \(how); the write that waited was not kept (events whose ids were printed are "
                + "stored): retry"
        }
    }

    /// True when the file itself is damaged (not a database, or a damaged page).
    public var isDamage: Bool {
        if case .damaged = self { return true }
        return false
    }
}

/// One open SQLite connection. It owns the `sqlite3` handle and closes it in `deinit`.
final class SQLiteDatabase {
    let handle: OpaquePointer
    /// The file, named in errors.
    let path: String
    private var statements: [String: SQLiteStatement] = [:]
    /// The busy handler's state (`gh_sqlite_busy_poll`); freed after the connection closes.
    private let busyWait: UnsafeMutablePointer<gh_sqlite_busy_wait>
    /// How long a statement waits for another connection's lock.
    private(set) var busyTimeoutMilliseconds: Int32

    /// Opens (creating when needed) the database at `path`; `:memory:` gives a private in-memory database.
    /// `readOnly` opens an existing file without writing to it (recovering from a damaged outbox).
    init(path: String, busyTimeoutMilliseconds: Int32 = 10_000, readOnly: Bool = false) throws {
        var pointer: OpaquePointer?
        let flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &pointer, flags, nil)
        guard code == SQLITE_OK, let pointer else {
            let unloaded = String(cString: gh_sqlite_load_error())
            let message = pointer.map { String(cString: sqlite3_errmsg($0)) } ?? (unloaded.isEmpty ? "out of memory" : unloaded)
            sqlite3_close_v2(pointer)
            throw SQLiteError.open(path: path, message: message)
        }
        handle = pointer
        self.path = path
        self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
        busyWait = .allocate(capacity: 1)
        busyWait.initialize(to: gh_sqlite_busy_wait(timeout_ns: Int64(busyTimeoutMilliseconds) * 1_000_000, started_ns: 0, gave_up_after_ns: 0))
        gh_sqlite_install_busy_wait(handle, busyWait)
    }

    deinit {
        statements.removeAll()
        sqlite3_close_v2(handle)
        busyWait.deallocate()
    }

    /// Changes how long statements wait for another connection's lock; 0 fails at once.
    func setBusyTimeout(milliseconds: Int32) {
        busyTimeoutMilliseconds = milliseconds
        busyWait.pointee.timeout_ns = Int64(milliseconds) * 1_000_000
    }

    /// Turns a result code into a typed error; `SQLITE_OK`, `SQLITE_ROW` and `SQLITE_DONE` pass.
    @discardableResult
    func check(_ code: Int32) throws -> Int32 {
        guard code == SQLITE_OK || code == SQLITE_ROW || code == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(handle))
            switch code & 0xFF {
            case SQLITE_CORRUPT, SQLITE_NOTADB: throw SQLiteError.damaged(path: path, message: message)
            case SQLITE_FULL: throw SQLiteError.full(path: path)
            case SQLITE_READONLY: throw SQLiteError.readOnly(path: path, message: message)
            case SQLITE_BUSY:
                let waited = Int(busyWait.pointee.gave_up_after_ns / 1_000_000)
                busyWait.pointee.gave_up_after_ns = 0
                throw SQLiteError.busy(path: path, waitedMilliseconds: waited)
            default: throw SQLiteError.statement(code: code, message: message)
            }
        }
        return code
    }

    /// Runs one or more statements that take no parameters and return no rows worth reading.
    func execute(_ sql: String) throws {
        try check(sqlite3_exec(handle, sql, nil, nil, nil))
    }

    /// A prepared statement for `sql`, cached per connection so hot paths prepare once.
    func prepared(_ sql: String) throws -> SQLiteStatement {
        if let cached = statements[sql] {
            cached.reset()
            return cached
        }
        let statement = try SQLiteStatement(database: self, sql: sql)
        statements[sql] = statement
        return statement
    }

    /// Rows changed by the last statement.
    var changes: Int { Int(sqlite3_changes(handle)) }

    /// Runs `body` in a transaction that takes the write lock at once (`BEGIN IMMEDIATE`), so two processes
    /// never both read then both write; rolls back when `body` throws.
    func writeTransaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// The integer result of a single-value query.
    func scalarInt(_ sql: String, _ bindings: [SQLiteValue] = []) throws -> Int {
        try prepared(sql).rows(bindings, limit: 1) { $0.int(0) }.first ?? 0
    }
}
