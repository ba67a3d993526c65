/// Why one input event (a flag set or an NDJSON line) cannot become an event.
public enum EventInputError: Error, Equatable, CustomStringConvertible {
    /// The text is not JSON.
    case invalidJSON(String)
    /// The line is JSON but not an object.
    case notAnObject
    /// Neither a CloudEvent nor the short form has a `type`.
    case missingType
    /// A member of the short form has the wrong JSON type.
    case wrongType(member: String, expected: String)
    /// The short form has a member it does not know.
    case unknownMember(String)
    /// A full CloudEvent is invalid.
    case invalidCloudEvent(CloudEventError)
    /// The event is larger than CloudEvents intermediaries must forward.
    case tooLarge(bytes: Int)
    /// A number's magnitude is past what a double holds (the line number comes from the input's line).
    case numberOutOfRange(String)
    /// The data breaks its type's JSON Schema (`emit --ndjson --strict`).
    case schema(title: String, violations: [String])

    public var description: String {
        switch self {
        case .invalidJSON(let reason): return reason
        case .notAnObject: return "an event must be a JSON object"
        case .missingType: return "member 'type' is missing: give an event type such as \"project.updated\""
        case .wrongType(let member, let expected): return "member '\(member)' must be \(expected)"
        case .unknownMember(let name):
            return "unknown member '\(name)': use type, data, topic, key, subject and source, or a full CloudEvent"
        case .invalidCloudEvent(let error): return error.description
        case .numberOutOfRange(let number): return JSONValueError.outOfRangeReason(number)
        case .schema(let title, let violations):
            return "--strict: the data breaks the \(title) schema: " + violations.joined(separator: "; ")
        case .tooLarge(let bytes):
            return "the event is \(bytes) bytes, over the 64 KiB CloudEvents limit: send a link to large data instead"
        }
    }
}

/// Turns user input into events: a full CloudEvent (it has `specversion`) is kept as it is and routed by its
/// type; the short form `{type, data?, topic?, key?, subject?, source?}` is built by the factory.
public struct EventInputParser: Sendable {
    private let factory: EventFactory
    private static let shortFormMembers: Set<String> = ["type", "data", "topic", "key", "subject", "source"]

    /// A parser building events with `factory`.
    public init(factory: EventFactory) { self.factory = factory }

    /// Parses one NDJSON line.
    public func parse(line bytes: UnsafeBufferPointer<UInt8>) throws(EventInputError) -> OutboundEvent {
        try parseSerialized(line: bytes).0
    }

    /// Parses one NDJSON line and returns the event with its JSON bytes (serialized once, for the outbox).
    func parseSerialized(line bytes: UnsafeBufferPointer<UInt8>) throws(EventInputError) -> (OutboundEvent, [UInt8]) {
        let value: JSONValue
        do { value = try JSONByteParser.parse(bytes) } catch let error as JSONValueError {
            switch error {
            case .invalid(let reason): throw .invalidJSON("invalid JSON: " + reason)
            case .outOfRange(let number, _): throw .numberOutOfRange(number)
            }
        } catch { throw .invalidJSON("invalid JSON") }
        let outbound = try unchecked(value)
        let body = EventJSONWriter.bytes(of: outbound.event)
        if body.count > EventFactory.maxEventBytes { throw .tooLarge(bytes: body.count) }
        return (outbound, body)
    }

    /// Turns a parsed JSON value into an event.
    public func event(from value: JSONValue) throws(EventInputError) -> OutboundEvent {
        let outbound = try unchecked(value)
        try Self.checkSize(outbound)
        return outbound
    }

    private func unchecked(_ value: JSONValue) throws(EventInputError) -> OutboundEvent {
        guard case .object(let members) = value else { throw .notAnObject }
        let outbound: OutboundEvent
        if members["specversion"] != nil {
            let event: CloudEvent
            do { event = try CloudEvent(jsonObject: value) } catch let error as CloudEventError { throw .invalidCloudEvent(error) } catch {
                throw .notAnObject
            }
            outbound = OutboundEvent(
                event: event, topic: factory.routing.topic(forType: event.type),
                key: event.extensions["partitionkey"]?.stringValue ?? factory.routing.key(repository: factory.repository, branch: nil))
        } else {
            for name in members.keys where !Self.shortFormMembers.contains(name) { throw .unknownMember(name) }
            guard let typeValue = members["type"] else { throw .missingType }
            guard let type = typeValue.stringValue, !type.isEmpty else { throw .wrongType(member: "type", expected: "a non-empty string") }
            func text(_ name: String) throws(EventInputError) -> String? {
                guard let member = members[name], member != .null else { return nil }
                guard let string = member.stringValue, !string.isEmpty else { throw .wrongType(member: name, expected: "a non-empty string") }
                return string
            }
            outbound = factory.make(
                type: type, data: members["data"] ?? .object([:]), subject: try text("subject"), source: try text("source"),
                topic: try text("topic"), key: try text("key"))
        }
        return outbound
    }

    /// Throws `tooLarge` for events over 64 KiB serialized.
    public static func checkSize(_ outbound: OutboundEvent) throws(EventInputError) {
        let size = EventJSONWriter.bytes(of: outbound.event).count
        if size > EventFactory.maxEventBytes { throw .tooLarge(bytes: size) }
    }
}
