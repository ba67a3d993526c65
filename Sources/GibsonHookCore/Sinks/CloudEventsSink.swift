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
    /// The HTTP status of the last request sent, nil when it got no answer.
    public private(set) var lastRequestStatus: Int?

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

    /// The configured credentials and URL query values, masked in every stored reason.
    public var secrets: [String] {
        SinkSecrets.values(auth: settings.auth, url: settings.url, environment: environment)
    }

    /// Every event can go to a CloudEvents sink.
    public func accepts(_ event: OutboundEvent) -> Bool { true }
    /// Every event can go here, so the outbox assigns events without reading them back.
    public var acceptsEveryEvent: Bool { true }
    /// Structured and batched modes send the stored JSON as it is; binary mode maps attributes to headers.
    public var readsEventAttributes: Bool { settings.mode == .binary }

    /// One request per event, or one per batch in batched mode; stops at the first 410.
    public func deliver(_ batch: [OutboundEvent], deadline: Date) -> [DeliveryOutcome] {
        collectOutcomes(batch, deadline: deadline)
    }

    /// One request per event (or per batch in batched mode), each settled as soon as it is answered; a
    /// 410 settles the rest of the batch as gone without sending it.
    public func deliver(_ batch: [OutboundEvent], deadline: Date, settle: ([Int], [DeliveryOutcome]) -> Bool) {
        withAuthorization(settings.auth, environment: environment, batch: batch, settle: settle) { authorization in
            let size = settings.mode == .batch ? maxBatchSize : 1
            for start in stride(from: 0, to: batch.count, by: size) {
                let indices = Array(start..<min(start + size, batch.count))
                let outcome = send(request(for: indices.map { batch[$0] }, authorization: authorization), deadline: deadline)
                if case .gone = outcome {
                    let rest = Array(start..<batch.count)
                    _ = settle(rest, rest.map { _ in outcome })
                    return
                }
                guard settle(indices, indices.map { _ in outcome }) else { return }
            }
        }
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
        lastRequestStatus = nil
        do {
            let response = try transport.send(request, deadline: deadline)
            lastRequestStatus = response.status
            return classify(response)
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
