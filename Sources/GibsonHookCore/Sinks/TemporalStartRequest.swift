import Foundation

/// Builds the body and path of `StartWorkflowExecution` / `SignalWithStartWorkflowExecution` for Temporal's
/// HTTP API from a `WorkflowRequest`, using only fields every server since 1.22 knows.
struct TemporalStartRequest {
    /// base64("json/plain"): payload metadata values are bytes, so base64 in JSON.
    static let jsonPlainEncoding = "anNvbi9wbGFpbg=="
    /// base64("binary/null"), the encoding of a null argument.
    static let nullEncoding = "YmluYXJ5L251bGw="

    let request: WorkflowRequest
    let eventId: String
    let namespace: String
    let taskQueue: String
    let executionTimeout: DurationValue?
    let identity: String

    /// Why a request cannot be sent over HTTP.
    static func problem(with request: WorkflowRequest, namespace: String) -> String? {
        // The gateway unescapes %2F before routing, so a slash would split the path segment (WIRE §2.7).
        if request.workflowId.contains("/") {
            return "workflow id '\(request.workflowId)' contains '/', which Temporal's HTTP API cannot route"
        }
        if namespace.contains("/") { return "namespace '\(namespace)' contains '/', which Temporal's HTTP API cannot route" }
        return nil
    }

    /// `{prefix}/namespaces/{namespace}/workflows/{workflowId}[/signal-with-start/{signal}]`, each segment
    /// percent-encoded outside RFC 3986 unreserved characters.
    func path(prefix: String) -> String {
        var path = "\(prefix)/namespaces/\(SinkResponses.pathSegment(namespace))/workflows/"
            + SinkResponses.pathSegment(request.workflowId)
        if let signal = request.signalName { path += "/signal-with-start/\(SinkResponses.pathSegment(signal))" }
        return path
    }

    /// The JSON body in the canonical payload form.
    var body: JSONValue {
        var members: [String: JSONValue] = [
            "workflowType": ["name": .string(request.workflowType)],
            "taskQueue": ["name": .string(taskQueue)],
            "input": Self.payloads(request.input),
            "identity": .string(identity),
            "requestId": .string(NameBasedUUID.requestId(forEventId: eventId)),
            "workflowIdReusePolicy": "WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE",
        ]
        if let executionTimeout { members["workflowExecutionTimeout"] = .string(Self.protobufDuration(executionTimeout)) }
        if request.signalName != nil { members["signalInput"] = Self.payloads(request.signalInput) }
        return .object(members)
    }

    /// `{"payloads":[...]}`, one `json/plain` payload per argument; a null argument is `binary/null`.
    static func payloads(_ values: [JSONValue]) -> JSONValue {
        .object(["payloads": .array(values.map(payload))])
    }

    /// One canonical payload.
    static func payload(_ value: JSONValue) -> JSONValue {
        if value == .null { return ["metadata": ["encoding": .string(nullEncoding)]] }
        return [
            "metadata": ["encoding": .string(jsonPlainEncoding)],
            "data": .string(Data(value.serialized().utf8).base64EncodedString()),
        ]
    }

    /// Protobuf Duration JSON: decimal seconds with an `s` suffix (`300s`, `1.5s`).
    static func protobufDuration(_ duration: DurationValue) -> String {
        let seconds = duration.seconds
        if seconds == seconds.rounded() { return "\(Int64(seconds))s" }
        return "\(seconds)s"
    }
}
