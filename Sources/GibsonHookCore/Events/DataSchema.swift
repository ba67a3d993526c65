/// The facts of a `schemas/*.schema.json` file that `emit` checks event data against: the required
/// properties, each property's JSON types, its allowed values (`enum` or `const`) and the type of an array's
/// items. The binary cannot read the repository, so the facts are embedded here; `DataSchemaSyncTests` keeps
/// them equal to the files.
public struct DataSchema: Sendable, Equatable {
    /// One property: its JSON Schema types (empty: any), allowed values (nil: any) and item type.
    public struct Property: Sendable, Equatable {
        public var types: [String]
        public var allowed: [String]?
        public var itemType: String?

        public init(_ types: [String] = [], allowed: [String]? = nil, items itemType: String? = nil) {
            (self.types, self.allowed, self.itemType) = (types, allowed, itemType)
        }
    }

    /// The schema file's title, e.g. `project-event`.
    public var title: String
    public var required: [String]
    public var properties: [String: Property]

    public init(title: String, required: [String], properties: [String: Property]) {
        (self.title, self.required, self.properties) = (title, required, properties)
    }

    /// The violations of `data` (an object), each as `data.<path>: expected ...; got ...`; a required
    /// property named in `absentAllowed` may be missing (emit: eventId and timestamp equal the envelope's
    /// id and time, which the event always has).
    public func violations(of data: JSONValue?, absentAllowed: Set<String> = []) -> [String] {
        guard let members = data?.objectValue else {
            return ["data: expected object; got \(Self.describe(data))"]
        }
        var found = required.filter { members[$0] == nil && !absentAllowed.contains($0) }.map { "data.\($0): required property is missing" }
        for name in properties.keys.sorted() {
            guard let property = properties[name], let value = members[name] else { continue }
            let path = "data." + name
            if !property.types.isEmpty && !property.types.contains(where: { Self.matches(value, $0) }) {
                found.append("\(path): expected \(property.types.joined(separator: " or ")); got \(Self.describe(value))")
            } else if let allowed = property.allowed, !allowed.contains(where: { value == .string($0) }) {
                found.append("\(path): expected one of \(allowed.joined(separator: ", ")); got \(Self.describe(value))")
            } else if let itemType = property.itemType, let items = value.arrayValue {
                for (index, item) in items.enumerated() where !Self.matches(item, itemType) {
                    found.append("\(path)[\(index)]: expected \(itemType); got \(Self.describe(item))")
                }
            }
        }
        return found
    }

    static func matches(_ value: JSONValue, _ type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object): return true
        case ("integer", .integer): return true
        case ("integer", _): return value.intValue != nil && matches(value, "number")
        case ("number", .integer), ("number", .number), ("number", .numberText): return true
        default: return false
        }
    }

    static func describe(_ value: JSONValue?) -> String {
        guard let value else { return "nothing" }
        switch value {
        case .string, .null, .bool, .integer, .number, .numberText: return value.serialized()
        case .array: return "array"
        case .object: return "object"
        }
    }
}

extension DataSchema {
    private static let envelope: [String: Property] = [
        "eventId": Property(["string"]), "timestamp": Property(["string"]), "metadata": Property(["object"]),
    ]

    /// The schema of a CloudEvents type, or nil when the type has none (foreign types).
    public static func of(type: String) -> DataSchema? {
        switch EventFamily.of(type: type) {
        case .gibson: return gibsonEvent
        case .project: return projectEvent
        case .ai: return aiEvent
        case .commit: return commitEvent
        case .workflow: return workflowStart
        case .system: return type == EventFamily.system.type("infrastructure-ready") ? infrastructureReady : nil
        case nil: return nil
        }
    }

    /// Every embedded schema, by file name.
    public static let all: [String: DataSchema] = [
        "gibson-event": gibsonEvent, "project-event": projectEvent, "ai-event": aiEvent,
        "infrastructure-ready": infrastructureReady, "workflow-start": workflowStart, "commit-event": commitEvent,
    ]

    static let gibsonEvent = DataSchema(
        title: "gibson-event", required: ["eventId", "timestamp", "eventType", "serviceStatus", "metadata"],
        properties: envelope.merging([
            "eventType": Property(allowed: GibsonEventData.EventType.allCases.map(\.rawValue)),
            "serviceStatus": Property(allowed: GibsonEventData.ServiceStatus.allCases.map(\.rawValue)),
            "projectId": Property(["string"]),
        ]) { $1 })

    static let projectEvent = DataSchema(
        title: "project-event",
        required: ["eventId", "timestamp", "eventType", "projectId", "userId", "changes", "metadata"],
        properties: envelope.merging([
            "eventType": Property(allowed: ProjectEventData.EventType.allCases.map(\.rawValue)),
            "projectId": Property(["string"]), "userId": Property(["string"]),
            "changes": Property(["array"], items: "object"),
        ]) { $1 })

    static let aiEvent = DataSchema(
        title: "ai-event", required: ["eventId", "timestamp", "eventType", "modelId", "projectId", "metrics", "metadata"],
        properties: envelope.merging([
            "eventType": Property(allowed: ["training-start", "training-complete", "inference-request", "model-optimized"]),
            "modelId": Property(["string"]), "projectId": Property(["string"]), "metrics": Property(["object"]),
        ]) { $1 })

    static let infrastructureReady = DataSchema(
        title: "infrastructure-ready", required: ["eventId", "timestamp", "services", "ready", "metadata"],
        properties: envelope.merging([
            "services": Property(["array"], items: "object"), "ready": Property(["boolean"]),
        ]) { $1 })

    static let workflowStart = DataSchema(
        title: "workflow-start", required: ["workflowType", "workflowId", "input"],
        properties: [
            "workflowType": Property(["string"]), "workflowId": Property(["string"]), "taskQueue": Property(["string"]),
            "input": Property(["array"]), "signalName": Property(["string"]), "signalInput": Property(["array"]),
            "executionTimeout": Property(["string"]),
        ])

    static let commitEvent = DataSchema(
        title: "commit-event",
        required: [
            "eventId", "timestamp", "eventType", "projectId", "userId", "changes", "sha", "parents", "branch", "author",
            "subject", "repository", "changedFiles", "changedFilesTotal", "changedFilesByStatus", "truncated", "metadata",
        ],
        properties: envelope.merging([
            "eventType": Property(allowed: ["updated"]), "projectId": Property(["string"]), "userId": Property(["string"]),
            "changes": Property(["array"], items: "object"), "sha": Property(["string"]),
            "parents": Property(["array"], items: "string"), "branch": Property(["string", "null"]),
            "author": Property(["object"]), "subject": Property(["string"]), "repository": Property(["object"]),
            "changedFiles": Property(["array"], items: "object"), "changedFilesTotal": Property(["integer"]),
            "changedFilesByStatus": Property(["object"]), "truncated": Property(["boolean"]),
        ]) { $1 })
}
