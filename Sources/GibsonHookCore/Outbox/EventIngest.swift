/// One input line that could not become an event.
public struct RejectedLine: Sendable, Equatable {
    /// 1-based line number in the input.
    public var line: Int
    public var error: EventInputError
}

/// One input event whose source and id were already in the outbox: it was not stored again.
public struct DuplicateEvent: Sendable, Equatable {
    /// 1-based line number in the input (1 for the event of `emit --type`).
    public var line: Int
    public var id: String
    public var source: String

    /// "event 'ID' from source 'SOURCE' is already in the outbox: not stored again".
    public var description: String {
        "event '\(id)' from source '\(source)' is already in the outbox: not stored again"
    }
}

/// One way an input line's data breaks its type's JSON Schema (the line was stored: no `--strict`).
public struct SchemaViolationLine: Sendable, Equatable {
    /// 1-based line number in the input.
    public var line: Int
    /// What is wrong, e.g. `data.projectId: expected string; got 7`.
    public var violation: String
}

/// What to do with a bad NDJSON line.
public enum BadLinePolicy: String, Sendable, CaseIterable {
    /// Report it and store the other lines.
    case skip
    /// Report it and store nothing from the input.
    case reject
}

/// The result of storing NDJSON input.
public struct IngestResult: Sendable, Equatable {
    /// Ids of the stored events, in input order.
    public var storedIDs: [String] = []
    /// Lines that were not stored.
    public var rejected: [RejectedLine] = []
    /// Events already stored (same source and id), in input order: neither stored again nor in `storedIDs`.
    public var duplicates: [DuplicateEvent] = []
    /// True when reject mode discarded the whole input.
    public var discarded = false
    /// How stored lines' data breaks their types' JSON Schemas, in input order.
    public var schemaViolations: [SchemaViolationLine] = []

    /// A result with `storedIDs` and nothing rejected.
    public init(storedIDs: [String] = []) { self.storedIDs = storedIDs }
}

/// Stores NDJSON events (one per line, blank lines ignored) in the outbox, streaming: in skip mode each chunk
/// of `chunkSize` events is one transaction, committed before its ids are reported; in reject mode the
/// whole input is one transaction, rolled back at the first bad line after reading every line (so every
/// bad line is reported). Each line's data is checked against its type's JSON Schema, as `emit --data` is:
/// a violation is reported and the line stored, or, with `strict`, the line is a bad line.
public struct EventIngest {
    private let store: OutboxStore
    private let parser: EventInputParser
    private let policy: BadLinePolicy
    private let strict: Bool
    private let chunkSize: Int

    /// An ingest into `store`.
    public init(store: OutboxStore, parser: EventInputParser, policy: BadLinePolicy, strict: Bool = false, chunkSize: Int = 2000) {
        self.store = store
        self.parser = parser
        self.policy = policy
        self.strict = strict
        self.chunkSize = max(1, chunkSize)
    }

    /// Reads everything `read` returns (it fills the buffer and returns the byte count, 0 at the end) and
    /// stores the events; `committed` receives each chunk's ids once they are durable.
    public func run(read: (UnsafeMutableRawBufferPointer) -> Int, committed: ([String]) -> Void) throws -> IngestResult {
        var result = IngestResult()
        var pending: [(OutboundEvent, [UInt8])] = []
        var pendingLines: [Int] = []
        var lineNumber = 0
        func flush() throws {
            guard !pending.isEmpty else { return }
            let alreadyStored = try store.record(serialized: pending)
            var ids: [String] = []
            for (position, (outbound, _)) in pending.enumerated() {
                if alreadyStored[position] {
                    let event = outbound.event
                    result.duplicates.append(DuplicateEvent(line: pendingLines[position], id: event.id, source: event.source))
                } else {
                    ids.append(outbound.event.id)
                }
            }
            committed(ids)
            result.storedIDs += ids
            pending.removeAll(keepingCapacity: true)
            pendingLines.removeAll(keepingCapacity: true)
        }
        func handle(_ line: UnsafeBufferPointer<UInt8>) throws {
            lineNumber += 1
            guard line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return }
            do throws(EventInputError) {
                let parsed = try parser.parseSerialized(line: line)
                // eventId and timestamp may be absent: they equal the envelope's id and time.
                if let schema = DataSchema.of(type: parsed.0.event.type) {
                    let violations = schema.violations(of: parsed.0.event.data, absentAllowed: ["eventId", "timestamp"])
                    if strict && !violations.isEmpty { throw EventInputError.schema(title: schema.title, violations: violations) }
                    result.schemaViolations += violations.map { SchemaViolationLine(line: lineNumber, violation: $0) }
                }
                pending.append(parsed)
                pendingLines.append(lineNumber)
            } catch {
                result.rejected.append(RejectedLine(line: lineNumber, error: error))
            }
            if policy == .skip && pending.count >= chunkSize { try flush() }
        }
        try LineSplitter.split(read: read, handle)
        if policy == .reject && !result.rejected.isEmpty {
            result.discarded = true
            return result
        }
        try flush()
        return result
    }
}

/// Splits a byte stream into lines without copying each line.
enum LineSplitter {
    static func split(read: (UnsafeMutableRawBufferPointer) -> Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var filled = 0
        while true {
            if filled == buffer.count { buffer += [UInt8](repeating: 0, count: buffer.count) }
            let count = buffer.withUnsafeMutableBytes { read(UnsafeMutableRawBufferPointer(rebasing: $0[filled...])) }
            let atEnd = count <= 0
            filled += max(0, count)
            var consumed = 0
            try buffer.withUnsafeBufferPointer { all in
                var start = 0
                for index in 0..<filled where all[index] == 0x0A {
                    try body(UnsafeBufferPointer(rebasing: all[start..<index]))
                    start = index + 1
                }
                if atEnd && start < filled {
                    try body(UnsafeBufferPointer(rebasing: all[start..<filled]))
                    start = filled
                }
                consumed = start
            }
            if consumed > 0 {
                buffer.withUnsafeMutableBufferPointer { all in
                    if consumed < filled { all.baseAddress!.update(from: all.baseAddress! + consumed, count: filled - consumed) }
                }
                filled -= consumed
            }
            if atEnd { return }
        }
    }
}
