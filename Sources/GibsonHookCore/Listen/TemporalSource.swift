import Foundation

/// The Temporal source of `listen`: asks the server of `sinks.temporal` (HTTP API, ListWorkflowExecutions)
/// for the runs of the configured workflow types started after its cursor, every page of them, and records
/// each as `ai.gibson.hook.temporal.workflow.start` (data: `workflow`, `workflowId`, `runId`, `startTime`,
/// `taskQueue`) with the cursor's new position in one transaction. A first run starts at the present.
final class TemporalSource {
    /// The `state` key of the cursor: the latest start time read, as the server wrote it.
    static let cursorKey = "listen.temporal.cursor"
    private let settings: TemporalListenSettings
    private let temporal: TemporalSettings
    private let transport: HTTPTransport
    private let environment: ProcessEnvironment
    private let clock: any WallClock
    private var nextPoll = Date.distantPast
    /// True once one read has been recorded.
    private(set) var caughtUp = false

    init(configuration: Configuration, environment: ProcessEnvironment, clock: any WallClock, transport: HTTPTransport) {
        settings = configuration.listen.temporal
        temporal = configuration.sinks.temporal
        self.transport = transport
        self.environment = environment
        self.clock = clock
    }

    /// Reads and records the starts since the cursor when a poll is due; nil when none was.
    func step(store: OutboxStore, now: Date) throws -> [ReceiveOutcome]? {
        guard now >= nextPoll else { return nil }
        nextPoll = now.addingTimeInterval(settings.pollInterval.seconds)
        guard let cursor = store.value(for: Self.cursorKey) else {
            _ = try store.receive([], origin: "temporal") { store.setValue(EventStamp.rfc3339(now), for: Self.cursorKey) }
            caughtUp = true
            return []
        }
        let types = settings.workflowTypes.map { "WorkflowType = \"\($0)\"" }.joined(separator: " OR ")
        let query = "(\(types)) AND StartTime > \"\(cursor)\""
        var events: [CloudEvent] = []
        var latest: (date: Date, text: String)?
        var token: String?
        repeat {
            let page = try list(query: query, pageToken: token)
            for execution in page["executions"]?.arrayValue ?? [] {
                guard let event = event(of: execution) else { continue }
                events.append(event.event)
                if let date = Self.date(event.startTime), date > (latest?.date ?? .distantPast) { latest = (date, event.startTime) }
            }
            token = page["nextPageToken"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        } while token != nil
        let outcomes = try store.receive(events, topic: "", origin: "temporal") {
            if let latest { store.setValue(latest.text, for: Self.cursorKey) }
        }
        caughtUp = true
        return outcomes
    }

    private func list(query: String, pageToken: String?) throws -> JSONValue {
        let base = SinkResponses.base(temporal.url ?? "")
        var components = URLComponents()
        components.queryItems = [URLQueryItem(name: "query", value: query), URLQueryItem(name: "pageSize", value: "200")]
            + (pageToken.map { [URLQueryItem(name: "nextPageToken", value: $0)] } ?? [])
        let encoded = (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
        let namespace = temporal.namespace.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? temporal.namespace
        let url = base + temporal.pathPrefix + "/namespaces/\(namespace)/workflows?" + encoded
        var headers = [HTTPHeader("Accept", "application/json")]
        do {
            if let authorization = try SinkCredentials.authorization(temporal.auth, environment: environment) { headers.append(authorization) }
        } catch {
            throw ListenError.temporalFailed("\(error)")
        }
        let response: HTTPResponse
        do {
            response = try transport.send(
                HTTPRequest(method: .get, url: url, headers: headers, responseLimit: 8 << 20), deadline: clock.now().addingTimeInterval(30))
        } catch {
            throw ListenError.temporalFailed("\(error)")
        }
        guard response.status == 200, let page = try? JSONValue.parse(response.body) else {
            let text = String(decoding: response.body.prefix(300), as: UTF8.self)
            throw ListenError.temporalFailed("the list query answered \(response.status): \(text)")
        }
        return page
    }

    /// The event of one WorkflowExecutionInfo, with its start time as the server wrote it.
    func event(of execution: JSONValue) -> (event: CloudEvent, startTime: String)? {
        guard let workflowId = execution["execution"]?["workflowId"]?.stringValue,
            let runId = execution["execution"]?["runId"]?.stringValue,
            let type = execution["type"]?["name"]?.stringValue, let startTime = execution["startTime"]?.stringValue
        else { return nil }
        let event = CloudEvent(
            id: "\(workflowId)/\(runId)", source: "urn:gibson-hook:temporal:\(temporal.namespace)",
            type: "ai.gibson.hook.temporal.workflow.start", time: startTime, subject: workflowId,
            data: .object([
                "workflow": .string(type), "workflowId": .string(workflowId), "runId": .string(runId),
                "startTime": .string(startTime), "taskQueue": execution["taskQueue"] ?? .null,
                "namespace": .string(temporal.namespace),
            ]))
        return (event, startTime)
    }

    static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        // Foundation reads at most milliseconds: cut longer fractions.
        var trimmed = text
        if let dot = text.firstIndex(of: "."), let end = text.firstIndex(where: { $0 == "Z" || $0 == "+" }) ,
            text.distance(from: dot, to: end) > 4 {
            trimmed = String(text[..<text.index(dot, offsetBy: 4)]) + String(text[end...])
        }
        return formatter.date(from: trimmed) ?? ISO8601DateFormatter().date(from: text)
    }
}
