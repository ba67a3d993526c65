import Foundation

/// Confluent REST v2 and Redpanda's HTTP proxy: `POST {url}/topics/{topic}` with `{"records":[...]}`.
extension KafkaRestSink {
    /// Accept header both proxies take for produce (a bare `application/json` gets 406 from Redpanda).
    static let v2Accept = "application/vnd.kafka.v2+json"

    /// The embedded-format content type for `format`.
    static func v2ContentType(_ format: KafkaRestSettings.Format) -> String {
        switch format {
        case .json: return "application/vnd.kafka.json.v2+json"
        case .binary: return "application/vnd.kafka.binary.v2+json"
        }
    }

    /// The produce request for `events` on `topic`.
    func v2Request(_ events: [OutboundEvent], topic: String, authorization: HTTPHeader?) -> HTTPRequest {
        var headers = [
            HTTPHeader("Content-Type", Self.v2ContentType(settings.format)), HTTPHeader("Accept", Self.v2Accept),
        ]
        if let authorization { headers.append(authorization) }
        return HTTPRequest(
            method: .post, url: "\(baseURL)/topics/\(SinkResponses.pathSegment(topic))", headers: headers,
            body: Self.v2Body(events, format: settings.format), responseLimit: Self.responseLimit(records: events.count))
    }

    /// Room for one report per record (a v3 report is about 250 bytes, a v2 offset about 60) on top of the
    /// default 64 KiB; more is never read.
    static func responseLimit(records: Int) -> Int { HTTPRequest.defaultResponseLimit + records * 1024 }

    /// `{"records":[{"key":…,"value":…}]}`. Records carry only `key` and `value` (Redpanda rejects any other
    /// member); a missing key is omitted, never `null` (a null is a parse error in Redpanda's binary mode).
    static func v2Body(_ events: [OutboundEvent], format: KafkaRestSettings.Format) -> Data {
        var writer = EventJSONWriter(capacity: events.count * 600)
        writer.raw("{\"records\":[")
        for (index, event) in events.enumerated() {
            if index > 0 { writer.raw(",") }
            writer.raw("{")
            if let key = event.key {
                writer.raw("\"key\":")
                writer.string(format == .binary ? Data(key.utf8).base64EncodedString() : key)
                writer.raw(",")
            }
            writer.raw("\"value\":")
            if format == .binary {
                writer.string(Data(EventJSONWriter.bytes(of: event)).base64EncodedString())
            } else {
                writer.event(event)
            }
            writer.raw("}")
        }
        writer.raw("]}")
        return Data(writer.bytes)
    }

    func produceV2(
        _ events: [OutboundEvent], topic: String, authorization: HTTPHeader?, deadline: Date
    ) -> [DeliveryOutcome] {
        let response: HTTPResponse
        do {
            response = try transport.send(v2Request(events, topic: topic, authorization: authorization), deadline: deadline)
        } catch {
            return all(events, SinkResponses.transportFailure(error))
        }
        let json = SinkResponses.json(response.body)
        if settings.api == .redpanda {
            if let outcome = requestLevelOutcome(response) { return all(events, outcome) }
            return Self.redpandaOutcomes(json, status: response.status, count: events.count)
        }
        // Confluent turns a 200 into 401/403 when a record hit a Kafka auth error, keeping per-record offsets.
        if [401, 403].contains(response.status), json?["offsets"]?.arrayValue != nil {
            return Self.v2Outcomes(json, status: response.status, count: events.count)
        }
        if let outcome = requestLevelOutcome(response) { return all(events, outcome) }
        return Self.v2Outcomes(json, status: response.status, count: events.count)
    }

    /// Confluent v2: one `offsets` entry per record, in request order.
    static func v2Outcomes(_ json: JSONValue?, status: Int, count: Int) -> [DeliveryOutcome] {
        guard let offsets = json?["offsets"]?.arrayValue else {
            let reason = "kafka rest proxy answered HTTP \(status) without offsets: outcome unknown"
            return Array(repeating: .retry(reason: reason, retryAfter: nil), count: count)
        }
        return (0..<count).map { index in
            guard index < offsets.count else {
                return .retry(reason: "kafka rest proxy returned \(offsets.count) offsets for \(count) records", retryAfter: nil)
            }
            let entry = offsets[index]
            guard let code = entry["error_code"], code != .null else { return .delivered }
            let text = entry["error"]?.stringValue ?? "no reason given"
            let reason = "kafka error \(code.serialized()): \(SinkResponses.truncate(text))"
            return code.intValue == 50003 ? .retry(reason: reason, retryAfter: nil) : .permanent(reason: reason)
        }
    }

    /// Redpanda answers per partition, not per record: when any partition failed, the records of that
    /// partition cannot be told apart, so every record of the request is retried (at-least-once).
    static func redpandaOutcomes(_ json: JSONValue?, status: Int, count: Int) -> [DeliveryOutcome] {
        guard let offsets = json?["offsets"]?.arrayValue else {
            let reason = "redpanda proxy answered HTTP \(status) without offsets: outcome unknown"
            return Array(repeating: .retry(reason: reason, retryAfter: nil), count: count)
        }
        let failures = offsets.compactMap { entry -> String? in
            guard let code = entry["error_code"], code != .null, code.intValue != 0 else { return nil }
            return "partition \(entry["partition"]?.serialized() ?? "?") error \(code.serialized())"
        }
        guard !failures.isEmpty else { return Array(repeating: .delivered, count: count) }
        let reason = "redpanda proxy reported kafka errors (\(failures.joined(separator: ", "))): "
            + "every record of the request is retried"
        return Array(repeating: .retry(reason: reason, retryAfter: nil), count: count)
    }
}
