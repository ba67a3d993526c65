import Foundation
import GibsonHookCore

/// The flags of `emit` for a single event, turned into the NDJSON short form so both paths validate alike.
struct EmitInput {
    var type, data, topic, key, source, subject: String?

    /// Stores the one event the flags describe.
    func store(in store: OutboxStore, parser: EventInputParser, workingDirectory: String) throws -> IngestResult {
        guard let type, !type.isEmpty else {
            throw UsageProblem(description: "give --type (for example --type project.updated) or --ndjson with events on stdin")
        }
        var members: [String: JSONValue] = ["type": .string(type)]
        if let data { members["data"] = try parseData(data, workingDirectory: workingDirectory) }
        for (name, value) in [("topic", topic), ("key", key), ("source", source), ("subject", subject)] {
            if let value { members[name] = .string(value) }
        }
        let event = try parser.event(from: .object(members))
        if try store.recordReportingDuplicates([event]) == [true] {
            var result = IngestResult()
            result.duplicates = [DuplicateEvent(line: 1, id: event.event.id, source: event.event.source)]
            return result
        }
        return IngestResult(storedIDs: [event.event.id])
    }

    private func parseData(_ text: String, workingDirectory: String) throws -> JSONValue {
        var source = text
        if text.hasPrefix("@") {
            let path = String(text.dropFirst())
            let url = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: workingDirectory, isDirectory: true))
            guard let contents = try? String(contentsOf: url, encoding: .utf8) else {
                throw UsageProblem(description: "cannot read --data file '\(path)'")
            }
            source = contents
        }
        do { return try JSONValue.parse(source) } catch JSONValueError.outOfRange(let number, let line) {
            throw UsageProblem(description: "--data line \(line): " + JSONValueError.outOfRangeReason(number))
        } catch {
            throw UsageProblem(description: "--data is not valid JSON: \(error)")
        }
    }

    /// The `--json` output of `emit`.
    static func json(_ result: IngestResult, report: DeliveryReport?) -> JSONValue {
        let rejected: [JSONValue] = result.rejected.map { ["line": .integer(Int64($0.line)), "error": .string($0.error.description)] }
        var members: [String: JSONValue] = [
            "ids": .array(result.storedIDs.map { .string($0) }), "rejected": .array(rejected), "stored": .bool(!result.discarded),
            "duplicates": .array(result.duplicates.map {
                ["line": .integer(Int64($0.line)), "id": .string($0.id), "source": .string($0.source)]
            }),
        ]
        if let report { members["delivery"] = report.jsonValue }
        return .object(members)
    }
}
