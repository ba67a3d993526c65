import Foundation

/// Reads the CloudEvents of one HTTP request, per the CloudEvents HTTP protocol binding 1.0.2:
/// - structured mode: `Content-Type: application/cloudevents+json`, the body one event in the JSON format;
/// - batch mode: `Content-Type: application/cloudevents-batch+json`, the body a JSON array of events;
/// - binary mode: the attributes in `ce-` headers (one round of percent-decoding), `Content-Type` the
///   `datacontenttype`, the body the data (JSON when the type is JSON, else text).
public enum CloudEventsHTTPDecoder {
    /// The events of a request with `headers` (names lower-cased) and `body`.
    public static func events(headers: [String: String], body: [UInt8]) throws(CloudEventsHTTPError) -> [CloudEvent] {
        let contentType = headers["content-type"] ?? ""
        let mediaType = contentType.split(separator: ";").first.map { String($0).trimmingCharactersInWhitespace().lowercased() } ?? ""
        switch mediaType {
        case "application/cloudevents+json":
            return [try event(from: try json(body))]
        case "application/cloudevents-batch+json":
            guard case .array(let items) = try json(body) else {
                throw .invalid("a batch must be a JSON array of events")
            }
            var events: [CloudEvent] = []
            for (index, item) in items.enumerated() {
                do throws(CloudEventsHTTPError) {
                    events.append(try event(from: item))
                } catch {
                    throw .invalid("batch event \(index + 1): \(error.reason)")
                }
            }
            return events
        default:
            return [try binary(headers: headers, contentType: contentType.isEmpty ? nil : contentType, body: body)]
        }
    }

    private static func json(_ body: [UInt8]) throws(CloudEventsHTTPError) -> JSONValue {
        do {
            return try body.withUnsafeBufferPointer { try JSONByteParser.parse($0) }
        } catch {
            throw .invalid("the body is not valid JSON")
        }
    }

    private static func event(from value: JSONValue) throws(CloudEventsHTTPError) -> CloudEvent {
        do {
            return try CloudEvent(jsonObject: value)
        } catch let error as CloudEventError {
            throw .invalid(error.description)
        } catch {
            throw .invalid("\(error)")
        }
    }

    private static func binary(headers: [String: String], contentType: String?, body: [UInt8])
        throws(CloudEventsHTTPError) -> CloudEvent
    {
        var members: [String: JSONValue] = [:]
        for (name, value) in headers where name.hasPrefix("ce-") {
            let attribute = String(name.dropFirst(3))
            guard let decoded = CloudEventHeaderEncoding.decode(value) else {
                throw .invalid("header '\(name)' is not valid percent-encoded UTF-8")
            }
            members[attribute] = .string(decoded)
        }
        guard !members.isEmpty else {
            throw .invalid("no CloudEvent: send Content-Type application/cloudevents+json, application/cloudevents-batch+json, or ce- headers (binary mode)")
        }
        if members["datacontenttype"] != nil { throw .invalid("binary mode carries datacontenttype in Content-Type, not ce-datacontenttype") }
        if let contentType { members["datacontenttype"] = .string(contentType) }
        if !body.isEmpty {
            if isJSON(contentType) {
                members["data"] = try json(body)
            } else if let text = String(validating: body, as: UTF8.self) {
                members["data"] = .string(text)
            } else {
                throw .unsupportedData(contentType ?? "no content type")
            }
        }
        return try event(from: .object(members))
    }

    /// True for `application/json`, `text/json` and `+json` media types (and no content type at all).
    static func isJSON(_ contentType: String?) -> Bool {
        guard let contentType else { return true }
        let media = contentType.split(separator: ";").first.map { String($0).trimmingCharactersInWhitespace().lowercased() } ?? ""
        return media == "application/json" || media == "text/json" || media.hasSuffix("+json")
    }
}

/// Why a request holds no usable CloudEvent.
public enum CloudEventsHTTPError: Error, Equatable, CustomStringConvertible {
    /// The request is malformed or an event is invalid (answered 400).
    case invalid(String)
    /// Binary data that is neither JSON nor UTF-8 text (answered 415).
    case unsupportedData(String)

    /// The reason, as written in the response body.
    public var reason: String {
        switch self {
        case .invalid(let reason): return reason
        case .unsupportedData(let type): return "data of type '\(type)' is neither JSON nor UTF-8 text"
        }
    }

    public var description: String { reason }
}
