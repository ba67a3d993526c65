import Foundation
import Testing
@testable import GibsonHookCore

/// Checks produced event data against the committed JSON Schemas in `schemas/`: required members, `enum`
/// and `const` values, and JSON types at the top level (the standins suite runs the full validator).
@Suite struct EventSchemaTests {
    static let schemas = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("schemas")

    func check(_ data: JSONValue?, against name: String) throws {
        let text = try String(contentsOf: Self.schemas.appendingPathComponent(name + ".schema.json"), encoding: .utf8)
        let schema = try JSONValue.parse(text)
        let members = try #require(data?.objectValue, "\(name): data is not an object")
        for required in schema["required"]?.arrayValue ?? [] {
            #expect(members[required.stringValue ?? ""] != nil, "\(name) requires \(required)")
        }
        for (property, rule) in schema["properties"]?.objectValue ?? [:] {
            guard let value = members[property] else { continue }
            if let allowed = rule["enum"]?.arrayValue { #expect(allowed.contains(value), "\(name).\(property) = \(value)") }
            if let constant = rule["const"] { #expect(value == constant, "\(name).\(property)") }
            let types = rule["type"].map { $0.arrayValue ?? [$0] }?.compactMap(\.stringValue) ?? []
            if !types.isEmpty { #expect(types.contains(Self.jsonType(value)), "\(name).\(property) has type \(Self.jsonType(value))") }
        }
        if let dump = ProcessInfo.processInfo.environment["GIBSON_HOOK_SCHEMA_DUMP"] {
            try data!.serialized().write(toFile: dump + "/" + name + ".json", atomically: true, encoding: .utf8)
        }
    }

    static func jsonType(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "boolean"
        case .integer: return "integer"
        case .number, .numberText: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    @Test func producedEventsMatchTheirSchemas() throws {
        let factory = EventFactory(configuration: Configuration(), remoteURL: "https://h/r.git", hostName: "h", clock: SystemClock())
        try check(factory.gibson(.init(eventType: .recovery, serviceStatus: .starting)).event.data, against: "gibson-event")
        try check(factory.project(.init(eventType: .created, projectId: "p", userId: "u")).event.data, against: "project-event")
        try check(factory.ai(.init(eventType: .inferenceRequest, modelId: "m", projectId: "p")).event.data, against: "ai-event")
        try check(
            factory.infrastructureReady(.init(services: [.init(name: "redis", status: "down", required: false, detail: "refused")])).event.data,
            against: "infrastructure-ready")
        let commit = CommitEventInput(
            sha: String(repeating: "c", count: 40), parents: [], branch: nil, authorName: "A", authorEmail: "a@x",
            authorTime: "2027-01-15T09:00:00+01:00", subject: "s",
            changedFiles: [.init(path: "b", status: "renamed", oldPath: "a")], repositoryName: "r")
        try check(factory.commit(commit).event.data, against: "commit-event")
        try check(factory.workflowStart(WorkflowRequest(workflowType: "w", workflowId: "id", input: [1])).event.data, against: "workflow-start")
    }
}
