import Foundation

/// Starts workflows through Temporal's HTTP API from events of type `WorkflowRequest.eventType`: start, or
/// signal-with-start when the request names a signal. The `requestId` is derived from the event id, so a
/// retry is recognised by the server; 409 (already running) counts as delivered.
public final class TemporalSink: EventSink {
    /// `temporal`, stored in outbox rows.
    public let name = "temporal"
    /// `scheme://host:port` of the configured URL, the circuit breaker's key.
    public let endpoint: String
    /// The most events one `deliver` call takes.
    public let maxBatchSize = 20
    private let settings: TemporalSettings
    private let workflows: [String: WorkflowSettings]
    private let baseURL: String
    private let identity: String
    private let transport: HTTPTransport
    private let environment: ProcessEnvironment
    private let cache: KeyValueCache

    /// Creates the sink for `settings` (whose `url` must be set). `workflows` supplies task queues and
    /// execution timeouts per workflow type; `identity` is sent as the caller identity.
    public init(
        settings: TemporalSettings, workflows: Workflows = Workflows(), identity: String, transport: HTTPTransport,
        environment: ProcessEnvironment, cache: KeyValueCache
    ) {
        self.settings = settings
        var byType: [String: WorkflowSettings] = [:]
        for workflow in [workflows.activation, workflows.recovery, workflows.scaling] {
            byType[workflow.workflowType] = workflow
        }
        self.workflows = byType
        self.baseURL = SinkResponses.base(settings.url ?? "")
        self.endpoint = SinkResponses.endpoint(of: baseURL)
        self.identity = identity
        self.transport = transport
        self.environment = environment
        self.cache = cache
    }

    /// Cache key of the path prefix that works for this server (empty when it serves no `/api/v1`).
    var prefixCacheKey: String { "temporal.path-prefix \(SinkResponses.cacheIdentity(of: baseURL))" }

    /// The configured credentials and URL query values, masked in every stored reason.
    public var secrets: [String] {
        SinkSecrets.values(auth: settings.auth, url: settings.url, environment: environment)
    }

    /// Only workflow requests.
    public func accepts(_ event: OutboundEvent) -> Bool { event.event.type == WorkflowRequest.eventType }

    /// One request per event.
    public func deliver(_ batch: [OutboundEvent], deadline: Date) -> [DeliveryOutcome] {
        collectOutcomes(batch, deadline: deadline)
    }

    /// One request per event, each settled as soon as it is answered.
    public func deliver(_ batch: [OutboundEvent], deadline: Date, settle: ([Int], [DeliveryOutcome]) -> Bool) {
        withAuthorization(settings.auth, environment: environment, batch: batch, settle: settle) { authorization in
            for (index, event) in batch.enumerated() {
                guard settle([index], [start(event.event, authorization: authorization, deadline: deadline)]) else { return }
            }
        }
    }

    private func start(_ event: CloudEvent, authorization: HTTPHeader?, deadline: Date) -> DeliveryOutcome {
        guard let request = WorkflowRequest(eventData: event.data ?? .null) else {
            return .permanent(reason: "event '\(event.id)' is not a workflow request: data needs workflowType and workflowId")
        }
        if let problem = TemporalStartRequest.problem(with: request, namespace: settings.namespace) {
            return .permanent(reason: problem + "; use an id without '/'")
        }
        let configured = workflows[request.workflowType]
        let start = TemporalStartRequest(
            request: request, eventId: event.id, namespace: settings.namespace,
            taskQueue: request.taskQueue ?? configured?.taskQueue ?? settings.taskQueue,
            executionTimeout: request.executionTimeout ?? configured?.executionTimeout, identity: identity)
        var headers = [HTTPHeader("Content-Type", "application/json"), HTTPHeader("Accept", "application/json")]
        if let authorization { headers.append(authorization) }
        let body = Data(start.body.serialized().utf8)
        let prefix = cache.value(for: prefixCacheKey) ?? settings.pathPrefix
        do {
            let url = baseURL + start.path(prefix: prefix)
            let response = try transport.send(HTTPRequest(method: .post, url: url, headers: headers, body: body), deadline: deadline)
            // Servers before api v1.35 served only /api/v1 and some later ones only the bare path (WIRE §2.1):
            // on 404 try once without the prefix, and remember it when the server knew the route.
            guard response.status == 404, !prefix.isEmpty else { return classify(response) }
            let bare = HTTPRequest(method: .post, url: baseURL + start.path(prefix: ""), headers: headers, body: body)
            let retried = try transport.send(bare, deadline: deadline)
            if retried.status == 404 { return classify(response) }
            cache.setValue("", for: prefixCacheKey)
            return classify(retried)
        } catch {
            return SinkResponses.transportFailure(error)
        }
    }

    /// Temporal's gRPC-derived statuses (WIRE §2.5); Temporal sends no Retry-After.
    func classify(_ response: HTTPResponse) -> DeliveryOutcome {
        var reason: String { "temporal answered \(SinkResponses.reason(response))" }  // only when used
        switch response.status {
        case 200..<300: return .delivered
        // Already running (ALLOW_DUPLICATE: a closed run lets a new start through, and a retry with the same
        // requestId gets the run it started): this incident has its run.
        case 409: return .delivered
        case 300..<400: return SinkResponses.redirect(response)
        case 408, 429, 499, 500, 502, 503, 504: return .retry(reason: reason, retryAfter: nil)
        case 501: return .permanent(reason: reason)
        case 500..<600: return .retry(reason: reason, retryAfter: nil)
        default: return .permanent(reason: reason)
        }
    }
}
