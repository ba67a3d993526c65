import Foundation
import Testing
@testable import GibsonHookCore

@Suite struct TemporalSinkTests {
    func sink(_ transport: FakeTransport, cache: MemoryCache = MemoryCache(), token: String? = "tmp-key") -> TemporalSink {
        var settings = TemporalSettings()
        settings.url = "http://temporal.test:7243"
        settings.namespace = "ci"
        settings.taskQueue = "gibson-queue"
        if let token {
            settings.auth.kind = .bearer
            settings.auth.token = token
        }
        return TemporalSink(settings: settings, identity: "gibson-hook@runner-7", transport: transport, environment: ProcessEnvironment(), cache: cache)
    }

    func workflowEvent(_ request: WorkflowRequest, id: String = "evt-42") -> OutboundEvent {
        let event = CloudEvent(id: id, source: "urn:gibson-hook:test", type: WorkflowRequest.eventType, data: request.eventData)
        return OutboundEvent(event: event, topic: "system-events", key: nil)
    }

    let recovery = WorkflowRequest(
        workflowType: "gibson-recovery-workflow", workflowId: "recovery acme#1", input: [["reason": "probe failed"], nil])

    @Test func acceptsOnlyWorkflowRequests() {
        let temporal = sink(FakeTransport())
        #expect(temporal.accepts(workflowEvent(recovery)))
        #expect(!temporal.accepts(sampleEvent()))
    }

    @Test func startRequestShape() throws {
        let transport = FakeTransport(status: 200, body: #"{"runId":"r-1","started":true}"#)
        #expect(sink(transport).deliver([workflowEvent(recovery)], deadline: farDeadline) == [.delivered])
        let request = transport.requests[0]
        #expect(request.url == "http://temporal.test:7243/api/v1/namespaces/ci/workflows/recovery%20acme%231")
        #expect(request.header("Content-Type") == "application/json")
        #expect(request.header("Accept") == "application/json")
        #expect(request.header("Authorization") == "Bearer tmp-key")
        let body = try JSONValue.parse(request.body)
        #expect(body.objectValue?.keys.sorted() == [
            "identity", "input", "requestId", "taskQueue", "workflowExecutionTimeout", "workflowIdReusePolicy", "workflowType",
        ])
        #expect(body["workflowType"] == ["name": "gibson-recovery-workflow"])
        #expect(body["taskQueue"] == ["name": "gibson-queue"])
        #expect(body["identity"] == "gibson-hook@runner-7")
        #expect(body["workflowIdReusePolicy"] == "WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE")
        // The configured recovery workflow's default timeout (5 minutes).
        #expect(body["workflowExecutionTimeout"] == "300s")
        let payloads = try #require(body["input"]?["payloads"]?.arrayValue)
        #expect(payloads[0]["metadata"] == ["encoding": "anNvbi9wbGFpbg=="])
        let data = try #require(payloads[0]["data"]?.stringValue.flatMap { Data(base64Encoded: $0) })
        #expect(try JSONValue.parse(data) == ["reason": "probe failed"])
        #expect(payloads[1] == ["metadata": ["encoding": "YmluYXJ5L251bGw="]])
    }

    @Test func requestIdIsStableAcrossRetries() throws {
        let transport = FakeTransport([answer(503, #"{"code":14,"message":"unavailable"}"#), answer(200, "{}")])
        let temporal = sink(transport)
        #expect(temporal.deliver([workflowEvent(recovery)], deadline: farDeadline)
            == [.retry(reason: "temporal answered HTTP 503: unavailable", retryAfter: nil)])
        _ = temporal.deliver([workflowEvent(recovery)], deadline: farDeadline)
        let ids = try transport.requests.map { try JSONValue.parse($0.body)["requestId"] }
        #expect(ids[0] == ids[1])
        #expect(ids[0]?.stringValue.map(NameBasedUUID.isUUID) == true)
    }

    @Test func signalWithStart() throws {
        var request = recovery
        request.workflowId = "scale-acme"
        request.signalName = "scale up"
        request.signalInput = [["replicas": 3]]
        request.taskQueue = "special"
        request.executionTimeout = .milliseconds(1500)
        let transport = FakeTransport(status: 200, body: "{}")
        _ = sink(transport).deliver([workflowEvent(request)], deadline: farDeadline)
        #expect(transport.requests[0].url == "http://temporal.test:7243/api/v1/namespaces/ci/workflows/scale-acme/signal-with-start/scale%20up")
        let body = try JSONValue.parse(transport.requests[0].body)
        #expect(body["taskQueue"] == ["name": "special"])
        #expect(body["workflowExecutionTimeout"] == "1.5s")
        #expect(body["signalInput"]?["payloads"]?.arrayValue?.count == 1)
    }

    @Test func alreadyStartedIsDelivered() {
        let body = #"{"code":6,"message":"Workflow execution is already running."}"#
        #expect(sink(FakeTransport(status: 409, body: body)).deliver([workflowEvent(recovery)], deadline: farDeadline) == [.delivered])
    }

    @Test func slashInWorkflowIdIsRejectedWithoutSending() {
        var request = recovery
        request.workflowId = "push-acme/widgets"
        let transport = FakeTransport()
        let outcome = sink(transport).deliver([workflowEvent(request)], deadline: farDeadline)[0]
        guard case .permanent(let reason) = outcome else { Issue.record("must be permanent"); return }
        #expect(reason.contains("'push-acme/widgets' contains '/'"))
        #expect(transport.requests.isEmpty)
    }

    @Test func notFoundWithPrefixRetriesBarePathOnceAndRemembers() {
        let cache = MemoryCache()
        let transport = FakeTransport([answer(404, #"{"code":5,"message":"Not Found"}"#), answer(200, "{}")])
        #expect(sink(transport, cache: cache).deliver([workflowEvent(recovery)], deadline: farDeadline) == [.delivered])
        #expect(transport.requests.map(\.url) == [
            "http://temporal.test:7243/api/v1/namespaces/ci/workflows/recovery%20acme%231",
            "http://temporal.test:7243/namespaces/ci/workflows/recovery%20acme%231",
        ])
        let next = FakeTransport(status: 200, body: "{}")
        _ = sink(next, cache: cache).deliver([workflowEvent(recovery)], deadline: farDeadline)
        #expect(next.requests.map(\.url) == ["http://temporal.test:7243/namespaces/ci/workflows/recovery%20acme%231"])
    }

    @Test func notFoundTwiceIsPermanent() {
        let cache = MemoryCache()
        let transport = FakeTransport(status: 404, body: #"{"code":5,"message":"Namespace ci is not found."}"#)
        #expect(sink(transport, cache: cache).deliver([workflowEvent(recovery)], deadline: farDeadline)
            == [.permanent(reason: "temporal answered HTTP 404: Namespace ci is not found.")])
        #expect(transport.requests.count == 2)
        #expect(cache.values.isEmpty)
    }

    @Test(arguments: [429, 499, 500, 503, 504])
    func retriable(status: Int) {
        guard case .retry(_, nil) = sink(FakeTransport(status: status, body: #"{"code":8,"message":"busy"}"#))
            .deliver([workflowEvent(recovery)], deadline: farDeadline)[0]
        else { Issue.record("\(status) must retry"); return }
    }

    @Test(arguments: [400, 401, 403, 501])
    func permanent(status: Int) {
        #expect(sink(FakeTransport(status: status, body: #"{"code":3,"message":"WorkflowType is not set on request."}"#))
            .deliver([workflowEvent(recovery)], deadline: farDeadline)
            == [.permanent(reason: "temporal answered HTTP \(status): WorkflowType is not set on request.")])
    }

    @Test func missingTokenVariableLeavesTheEventNotSentWithoutLeakingAnything() {
        var settings = TemporalSettings()
        settings.url = "http://temporal.test:7243"
        settings.auth.kind = .bearer
        settings.auth.tokenEnv = "TEMPORAL_API_KEY"
        let transport = FakeTransport()
        let temporal = TemporalSink(settings: settings, identity: "i", transport: transport, environment: ProcessEnvironment(), cache: MemoryCache())
        #expect(temporal.deliver([workflowEvent(recovery)], deadline: farDeadline)
            == [.notSent(reason: "temporal sink: bearer auth is configured but 'TEMPORAL_API_KEY' is not set: export it or set auth.token")])
        #expect(transport.requests.isEmpty)
    }
}

@Suite struct NameBasedUUIDTests {
    @Test func sha1KnownAnswer() {
        let digest = SHA1.hash(Array("abc".utf8)).map { SinkResponses.hex($0) }.joined()
        #expect(digest == "A9993E364706816ABA3E25717850C26C9CD0D89D")
        let long = SHA1.hash(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)).map { SinkResponses.hex($0) }.joined()
        #expect(long == "84983E441C3BD26EBAAE4AA1F95129E5E54670F1")
    }

    @Test func version5MatchesRFCExample() {
        // uuid.uuid5(uuid.NAMESPACE_DNS, "python.org")
        let dns: [UInt8] = [0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8]
        #expect(NameBasedUUID.version5(namespace: dns, name: "python.org") == "886313e1-3b8a-5372-9b90-0c9aee199e5d")
    }

    @Test func uuidEventIdsAreKept() {
        #expect(NameBasedUUID.requestId(forEventId: "6F1C0E9E-3B9E-4D2A-9D55-0B8F6C1F2A10") == "6f1c0e9e-3b9e-4d2a-9d55-0b8f6c1f2a10")
        let derived = NameBasedUUID.requestId(forEventId: "evt-42")
        #expect(NameBasedUUID.isUUID(derived))
        #expect(derived == NameBasedUUID.requestId(forEventId: "evt-42"))
        #expect(derived != NameBasedUUID.requestId(forEventId: "evt-43"))
    }
}
