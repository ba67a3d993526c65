import Foundation

/// Delivers events to a CloudEvents HTTP sink in structured (default), binary or batched mode, following the
/// webhook rules: 2xx delivered, 429 retried after Retry-After, 410 stops delivery to the sink, 3xx never
/// followed, 408 and 5xx retried, other 4xx permanent with the sink's reason.
public final class CloudEventsSink: EventSink {
    /// `cloudevents`, stored in outbox rows.
    public let name = "cloudevents"
    /// `scheme://host:port` of the configured URL, the circuit breaker's key.
    public let endpoint: String
    /// The most events one `deliver` call takes.
    public let maxBatchSize: Int
    private let settings: CloudEventsSettings
    private let url: String
    private let transport: HTTPTransport
    private let environment: ProcessEnvironment
    private let clock: WallClock

    /// Structured-mode content type.
    public static let structuredContentType = "application/cloudevents+json; charset=UTF-8"
    /// Batched-mode content type.
    public static let batchContentType = "application/cloudevents-batch+json; charset=UTF-8"

    /// Creates the sink for `settings` (whose `url` must be set), sending through `transport`.
    public init(
        settings: CloudEventsSettings, transport: HTTPTransport, environment: ProcessEnvironment,
        clock: WallClock = SystemClock()
    ) {
        self.settings = settings
        self.url = settings.url ?? ""
        self.endpoint = SinkResponses.endpoint(of: url)
        // Structured and binary modes send one event per request; a batch call just reuses the connection.
        self.maxBatchSize = settings.mode == .batch ? max(1, settings.batchSize) : 100
        self.transport = transport
        self.environment = environment
        self.clock = clock
    }

    /// Every event can go to a CloudEvents sink.
    public func accepts(_ event: OutboundEvent) -> Bool { true }
    /// Every event can go here, so the outbox assigns events without reading them back.
    public var acceptsEveryEvent: Bool { true }
    /// Structured and batched modes send the stored JSON as it is; binary mode maps attributes to headers.
    public var readsEventAttributes: Bool { settings.mode == .binary }

    /// One request per event, or one per batch in batched mode; stops at the first 410.
    public func deliver(_ batch: [OutboundEvent], deadline: Date) -> [DeliveryOutcome] {
        let authorization: HTTPHeader?
        do {
            authorization = try SinkCredentials.authorization(settings.auth, environment: environment)
        } catch {
            return batch.map { _ in .retry(reason: "cloudevents sink: \(error)", retryAfter: nil) }
        }
        let groups: [[OutboundEvent]] = settings.mode == .batch
            ? stride(from: 0, to: batch.count, by: maxBatchSize).map { Array(batch[$0..<min($0 + maxBatchSize, batch.count)]) }
            : batch.map { [$0] }
        var outcomes: [DeliveryOutcome] = []
        for group in groups {
            if let last = outcomes.last, case .gone = last {
                outcomes += group.map { _ in last }
                continue
            }
            let outcome = send(request(for: group, authorization: authorization), deadline: deadline)
            outcomes += group.map { _ in outcome }
        }
        return outcomes
    }

    /// The request carrying `events` (exactly one unless in batched mode).
    func request(for events: [OutboundEvent], authorization: HTTPHeader?) -> HTTPRequest {
        var headers: [HTTPHeader]
        let body: Data
        switch settings.mode {
        case .structured:
            headers = [HTTPHeader("Content-Type", Self.structuredContentType)]
            body = Data(EventJSONWriter.bytes(of: events[0]))
        case .batch:
            headers = [HTTPHeader("Content-Type", Self.batchContentType)]
            var writer = EventJSONWriter(capacity: events.count * 600)
            writer.raw("[")
            for (index, event) in events.enumerated() {
                if index > 0 { writer.raw(",") }
                writer.event(event)
            }
            writer.raw("]")
            body = Data(writer.bytes)
        case .binary:
            (headers, body) = Self.binaryMessage(events[0].event)
        }
        headers.append(HTTPHeader("Accept", "application/json, */*;q=0.5"))
        if let authorization { headers.append(authorization) }
        return HTTPRequest(method: .post, url: url, headers: headers, body: body)
    }

    /// Binary mode: `ce-<attribute>` headers (lower-case, percent-encoded) for every attribute except
    /// `datacontenttype`, which becomes `Content-Type`; the body is the data itself.
    static func binaryMessage(_ event: CloudEvent) -> ([HTTPHeader], Data) {
        var attributes: [(String, String)] = [
            ("specversion", CloudEvent.specVersion), ("id", event.id), ("source", event.source), ("type", event.type),
        ]
        if let time = event.time { attributes.append(("time", time)) }
        if let subject = event.subject { attributes.append(("subject", subject)) }
        if let schema = event.dataSchema { attributes.append(("dataschema", schema)) }
        for name in event.extensions.keys.sorted() {
            attributes.append((name, CloudEventHeaderEncoding.canonicalString(event.extensions[name]!)))
        }
        let contentType = event.dataContentType ?? "application/json"
        var headers = [HTTPHeader("Content-Type", contentType)]
        headers += attributes.map { HTTPHeader("ce-\($0.0)", CloudEventHeaderEncoding.encode($0.1)) }
        let body: Data
        switch event.data {
        case nil: body = Data()
        // Non-JSON media types carry their content as a string: send its bytes, not a JSON string literal.
        case .string(let text)? where !isJSONMediaType(contentType): body = Data(text.utf8)
        case let data?: body = Data(data.serialized().utf8)
        }
        return (headers, body)
    }

    /// `*/json` or `*/*+json`, parameters ignored (JSON event format §3.1).
    static func isJSONMediaType(_ contentType: String) -> Bool {
        let mediaType = contentType.split(separator: ";").first.map(String.init)?.trimmingCharactersInWhitespace().lowercased() ?? ""
        return mediaType.hasSuffix("/json") || mediaType.hasSuffix("+json")
    }

    private func send(_ request: HTTPRequest, deadline: Date) -> DeliveryOutcome {
        do {
            return classify(try transport.send(request, deadline: deadline))
        } catch {
            return SinkResponses.transportFailure(error)
        }
    }

    /// The webhook rules (CloudEvents `http-webhook.md` §2.2).
    func classify(_ response: HTTPResponse) -> DeliveryOutcome {
        var reason: String { "cloudevents sink answered \(SinkResponses.reason(response))" }  // only when used
        switch response.status {
        case 200..<300: return .delivered
        case 300..<400: return SinkResponses.redirect(response)
        case 410: return .gone(reason: reason)
        case 408, 429, 500..<600:
            return .retry(reason: reason, retryAfter: SinkResponses.retryAfter(response, now: clock.now()))
        default: return .permanent(reason: reason)
        }
    }
}
