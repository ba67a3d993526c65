/// Writes CloudEvents in the JSON event format straight into UTF-8 bytes. Request bodies of hundreds of
/// events are built on every flush, so this avoids the intermediate dictionary of `CloudEvent.jsonObject`
/// and appends whole strings at once when they need no escaping. Object keys are sorted, so equal values
/// always give equal bytes (the same as `JSONValue.serialized()`).
struct EventJSONWriter {
    /// The bytes written so far.
    var bytes: [UInt8] = []

    /// Creates a writer with room for `capacity` bytes.
    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// Appends literal ASCII text.
    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends `text` unescaped (already valid JSON).
    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// Appends the event as one JSON object: the attributes, the extensions, then `data`.
    mutating func event(_ event: CloudEvent) {
        raw("{\"specversion\":")
        string(CloudEvent.specVersion)
        member("id", event.id)
        member("source", event.source)
        member("type", event.type)
        if let time = event.time { member("time", time) }
        if let subject = event.subject { member("subject", subject) }
        if let contentType = event.dataContentType { member("datacontenttype", contentType) }
        if let schema = event.dataSchema { member("dataschema", schema) }
        for name in event.extensions.keys.sorted() {
            raw(",")
            string(name)
            raw(":")
            value(event.extensions[name]!)
        }
        if let data = event.data {
            raw(",\"data\":")
            value(data)
        }
        raw("}")
    }

    private mutating func member(_ name: String, _ text: String) {
        raw(",")
        string(name)
        raw(":")
        string(text)
    }

    /// Appends any JSON value, object keys sorted.
    mutating func value(_ value: JSONValue) {
        switch value {
        case .null: raw("null")
        case .bool(let flag): flag ? raw("true") : raw("false")
        case .integer, .number: raw(value.serialized())
        case .numberText(let text): raw(text)
        case .string(let text): string(text)
        case .array(let items):
            raw("[")
            for (index, item) in items.enumerated() {
                if index > 0 { raw(",") }
                self.value(item)
            }
            raw("]")
        case .object(let members):
            raw("{")
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { raw(",") }
                string(key)
                raw(":")
                self.value(members[key]!)
            }
            raw("}")
        }
    }

    /// Appends `text` as a JSON string literal (RFC 8259 escaping, non-ASCII kept as UTF-8).
    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        let utf8 = text.utf8
        if !utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            bytes.append(contentsOf: utf8)
        } else {
            for byte in utf8 {
                switch byte {
                case 0x22: raw("\\\"")
                case 0x5C: raw("\\\\")
                case 0x0A: raw("\\n")
                case 0x0D: raw("\\r")
                case 0x09: raw("\\t")
                case ..<0x20:
                    raw("\\u00")
                    raw(SinkResponses.hex(byte).lowercased())
                default: bytes.append(byte)
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// The JSON bytes of one event.
    /// Appends an outbound event: the outbox's stored bytes when known (no second serialisation), else `event`.
    mutating func event(_ outbound: OutboundEvent) {
        if let stored = outbound.storedJSON { bytes.append(contentsOf: stored) } else { event(outbound.event) }
    }

    /// The stored JSON of an outbound event, or its serialisation when the bytes are not known.
    static func bytes(of outbound: OutboundEvent) -> [UInt8] {
        outbound.storedJSON ?? bytes(of: outbound.event)
    }

    static func bytes(of event: CloudEvent) -> [UInt8] {
        var writer = EventJSONWriter(capacity: 512)
        writer.event(event)
        return writer.bytes
    }
}
