/// A CloudEvents 1.0 event: the envelope of everything gibson-hook emits.
///
/// Attribute rules (CloudEvents 1.0.2 spec): `id`, `source`, `type` non-empty; `specversion` is always the
/// string "1.0"; `time` is RFC 3339; extension names are lower-case letters and digits only.
/// The same event keeps the same `id` on every retry so consumers can de-duplicate on `source` + `id`.
public struct CloudEvent: Sendable, Equatable {
    /// The only spec version produced.
    public static let specVersion = "1.0"

    public var id: String
    /// URI reference naming the repository or host.
    public var source: String
    /// Reverse-DNS type, e.g. `ai.gibson.hook.project.updated`.
    public var type: String
    /// RFC 3339 timestamp.
    public var time: String?
    public var subject: String?
    /// Always `application/json` for gibson-hook's own events.
    public var dataContentType: String? = "application/json"
    public var dataSchema: String?
    /// Extension attributes: names `[a-z0-9]+`, values string, integer or boolean.
    public var extensions: [String: JSONValue]
    /// The payload (a JSON value, never a JSON document inside a string).
    public var data: JSONValue?

    /// Creates an event.
    public init(
        id: String, source: String, type: String, time: String? = nil, subject: String? = nil,
        dataContentType: String? = "application/json", dataSchema: String? = nil,
        extensions: [String: JSONValue] = [:], data: JSONValue? = nil
    ) {
        self.id = id
        self.source = source
        self.type = type
        self.time = time
        self.subject = subject
        self.dataContentType = dataContentType
        self.dataSchema = dataSchema
        self.extensions = extensions
        self.data = data
    }

    /// The JSON event format (structured mode): attributes and extensions as top-level members.
    public var jsonObject: JSONValue {
        var members: [String: JSONValue] = [
            "specversion": .string(Self.specVersion), "id": .string(id), "source": .string(source),
            "type": .string(type),
        ]
        if let time { members["time"] = .string(time) }
        if let subject { members["subject"] = .string(subject) }
        if let dataContentType { members["datacontenttype"] = .string(dataContentType) }
        if let dataSchema { members["dataschema"] = .string(dataSchema) }
        for (name, value) in extensions { members[name] = value }
        if let data { members["data"] = data }
        return .object(members)
    }

    /// Reads an event in the JSON event format. Throws `CloudEventError` naming what is wrong.
    public init(jsonObject: JSONValue) throws {
        guard case .object(var members) = jsonObject else { throw CloudEventError.notAnObject }
        func take(_ name: String) -> String? {
            defer { members.removeValue(forKey: name) }
            return members[name]?.stringValue
        }
        if let version = members["specversion"], version != .string(Self.specVersion) {
            throw CloudEventError.unsupportedSpecVersion(version.serialized())
        }
        members.removeValue(forKey: "specversion")
        guard let id = take("id"), !id.isEmpty else { throw CloudEventError.missingAttribute("id") }
        guard let source = take("source"), !source.isEmpty else { throw CloudEventError.missingAttribute("source") }
        guard let type = take("type"), !type.isEmpty else { throw CloudEventError.missingAttribute("type") }
        let time = take("time")
        let subject = take("subject")
        let contentType = take("datacontenttype")
        let schema = take("dataschema")
        let data = members.removeValue(forKey: "data")
        for name in members.keys where !Self.isValidAttributeName(name) {
            throw CloudEventError.invalidExtensionName(name)
        }
        self.init(
            id: id, source: source, type: type, time: time, subject: subject, dataContentType: contentType,
            dataSchema: schema, extensions: members, data: data)
    }

    /// True for names made of lower-case ASCII letters and digits (CloudEvents attribute naming).
    public static func isValidAttributeName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) }
    }
}

/// Why a value is not a valid CloudEvent.
public enum CloudEventError: Error, Equatable, CustomStringConvertible {
    /// The event is not a JSON object.
    case notAnObject
    /// A required attribute (`id`, `source`, `type`) is missing or empty.
    case missingAttribute(String)
    /// `specversion` is not the string "1.0".
    case unsupportedSpecVersion(String)
    /// An extension name has characters other than `a-z0-9`.
    case invalidExtensionName(String)

    public var description: String {
        switch self {
        case .notAnObject: return "a CloudEvent must be a JSON object"
        case .missingAttribute(let name): return "required attribute '\(name)' is missing or empty"
        case .unsupportedSpecVersion(let value): return "specversion \(value) is not supported: use \"1.0\""
        case .invalidExtensionName(let name):
            return "extension attribute '\(name)' is invalid: names use lower-case letters and digits only"
        }
    }
}
