import Foundation

/// What `emit` was asked to store: one event from flags, or NDJSON lines from standard input.
public struct EmitRequest: Sendable {
    /// The flags of a single event (`--type`, `--data`, ...); ignored with `ndjson`.
    public var type, data, topic, key, source, subject: String?
    /// Read one event per standard-input line.
    public var ndjson = false
    /// `--on-error`: skip a bad NDJSON line or reject the whole input.
    public var onError = "skip"
    /// Deliver the stored events before returning, within `deadline` (default `delivery.deadline`).
    public var wait = false
    /// `--deadline`, as typed.
    public var deadline: String?
    /// `--strict`: data that breaks its type's JSON Schema is rejected instead of stored with a warning.
    public var strict = false

    /// Creates an empty request.
    public init() {}

    /// The single event the flags describe, in the NDJSON short form so both paths validate alike.
    func event(parser: EventInputParser, workingDirectory: String) throws -> OutboundEvent {
        guard let type, !type.isEmpty else {
            throw UsageError("give --type (for example --type project.updated) or --ndjson with events on stdin")
        }
        var members: [String: JSONValue] = ["type": .string(type)]
        if let data { members["data"] = try Self.parseData(data, workingDirectory: workingDirectory) }
        for (name, value) in [("topic", topic), ("key", key), ("source", source), ("subject", subject)] {
            if let value { members[name] = .string(value) }
        }
        return try parser.event(from: .object(members))
    }

    private static func parseData(_ text: String, workingDirectory: String) throws -> JSONValue {
        var source = text
        if text.hasPrefix("@") {
            let path = String(text.dropFirst())
            let url = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: workingDirectory, isDirectory: true))
            guard let contents = try? String(contentsOf: url, encoding: .utf8) else {
                throw UsageError("cannot read --data file '\(path)'")
            }
            source = contents
        }
        do { return try JSONValue.parse(source) } catch JSONValueError.outOfRange(let number, let line) {
            throw UsageError("--data line \(line): " + JSONValueError.outOfRangeReason(number))
        } catch {
            throw UsageError("--data is not valid JSON: \(error)")
        }
    }
}

/// What `emit` did: the ingest result, the delivery when `--wait` asked for it, and the exit status.
public struct EmitOutcome: Sendable {
    /// Stored ids and rejected lines.
    public var ingest: IngestResult
    /// The `--wait` delivery.
    public var delivery: DeliveryReport?
    /// Events were stored but no sink is configured: they wait in the outbox.
    public var noSinkConfigured: Bool
    /// How the stored data breaks its type's JSON Schema (stored anyway: `--strict` was not given); with
    /// `--ndjson` each begins with its line (`line 3: data.projectId: expected string; got 7`).
    public var schemaViolations: [String] = []

    /// `usage` when bad lines rejected the input, `pending` when `--wait` left events waiting.
    public var exitCode: HookExitCode {
        if ingest.discarded { return .usage }
        if let delivery, delivery.remaining > 0 || delivery.deadLetters > 0 { return .pending }
        return .success
    }

    /// The `--json` output of `emit`.
    public var json: JSONValue {
        let rejected: [JSONValue] = ingest.rejected.map { ["line": .integer(Int64($0.line)), "error": .string($0.error.description)] }
        var members: [String: JSONValue] = [
            "ids": .array(ingest.storedIDs.map { .string($0) }), "rejected": .array(rejected), "stored": .bool(!ingest.discarded),
            "duplicates": .array(ingest.duplicates.map {
                ["line": .integer(Int64($0.line)), "id": .string($0.id), "source": .string($0.source)]
            }),
        ]
        if let delivery { members["delivery"] = delivery.jsonValue }
        if !schemaViolations.isEmpty { members["schemaViolations"] = .array(schemaViolations.map { .string($0) }) }
        return .object(members)
    }
}
