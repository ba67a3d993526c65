import Foundation
import Testing
@testable import GibsonHookCore

@Suite struct KafkaRestV3Tests {
    let clusters = #"{"kind":"KafkaClusterList","metadata":{},"data":[{"kind":"KafkaCluster","cluster_id":"lkc-abc123"}]}"#
    let ok = #"{"error_code":200,"cluster_id":"lkc-abc123","topic_name":"project-events","partition_id":0,"offset":42}"#

    func sink(_ transport: FakeTransport, cache: MemoryCache = MemoryCache(), clusterId: String? = nil) -> KafkaRestSink {
        var settings = KafkaRestSettings()
        settings.url = "http://proxy.test:8082"
        settings.api = .v3
        settings.clusterId = clusterId
        return KafkaRestSink(settings: settings, transport: transport, environment: ProcessEnvironment(), cache: cache, clock: FixedClock())
    }

    @Test func discoversClusterOnceAndCachesIt() {
        let cache = MemoryCache()
        let transport = FakeTransport([answer(200, clusters), answer(200, ok + "\r\n")])
        #expect(sink(transport, cache: cache).deliver([sampleEvent()], deadline: farDeadline) == [.delivered])
        #expect(transport.requests.map(\.method) == [.get, .post])
        #expect(transport.requests[0].url == "http://proxy.test:8082/v3/clusters")
        #expect(transport.requests[0].header("Accept") == "application/json")
        #expect(transport.requests[1].url == "http://proxy.test:8082/v3/clusters/lkc-abc123/topics/project-events/records")
        #expect(cache.values["kafka-rest.v3.cluster-id http://proxy.test:8082"] == "lkc-abc123")
        // A second process with the same cache does not ask again.
        let second = FakeTransport(status: 200, body: ok)
        _ = sink(second, cache: cache).deliver([sampleEvent()], deadline: farDeadline)
        #expect(second.requests.map(\.method) == [.post])
    }

    @Test func configuredClusterSkipsDiscovery() {
        let transport = FakeTransport(status: 200, body: ok)
        _ = sink(transport, clusterId: "lkc-x").deliver([sampleEvent()], deadline: farDeadline)
        #expect(transport.requests.map(\.url) == ["http://proxy.test:8082/v3/clusters/lkc-x/topics/project-events/records"])
    }

    @Test func requestShape() throws {
        let transport = FakeTransport(status: 200, body: ok + "\r\n" + ok + "\r\n")
        _ = sink(transport, clusterId: "lkc-x").deliver([sampleEvent("a"), sampleEvent("b", key: nil, subject: nil)], deadline: farDeadline)
        let request = transport.requests[0]
        #expect(request.header("Content-Type") == "application/json")
        #expect(request.header("Accept") == "application/json")
        let objects = ConcatenatedJSONReader.values(in: request.body)
        #expect(objects.complete)
        #expect(objects.values.count == 2)
        let first = objects.values[0]
        #expect(first.objectValue?.keys.sorted() == ["headers", "key", "value"])
        #expect(first["key"] == ["type": "STRING", "data": "acme/widgets"])
        #expect(first["value"] == ["type": "JSON", "data": sampleEvent("a").event.jsonObject])
        let headers = try #require(first["headers"]?.arrayValue)
        let decoded = headers.map { header -> String in
            let value = header["value"]?.stringValue.flatMap { Data(base64Encoded: $0) }.map { String(decoding: $0, as: UTF8.self) }
            return "\(header["name"]?.stringValue ?? "?")=\(value ?? "?")"
        }
        #expect(decoded == [
            "ce_id=a", "ce_specversion=1.0", "ce_type=ai.gibson.hook.commit", "ce_source=https://git.example.com/acme/widgets",
            "ce_time=2026-08-22T10:15:30Z", "ce_subject=refs/heads/main",
            "content-type=application/cloudevents+json; charset=UTF-8",
        ])
        // No key and no subject: the key member and the ce_subject header are left out.
        let second = objects.values[1]
        #expect(second["key"] == nil)
        #expect(second["headers"]?.arrayValue?.contains { $0["name"] == "ce_subject" } == false)
    }

    @Test func reportsDecideEachRecord() {
        let body = ok + "\r\n" + #"{"error_code":429,"message":"rate limited"}"# + "\r\n"
            + #"{"error_code":50003,"message":"not leader"}"# + "\r\n" + #"{"error_code":408,"message":"stream too long"}"#
            + "\r\n" + #"{"error_code":40401,"message":"Topic x not present in metadata"}"# + "\r\n"
        let outcomes = sink(FakeTransport(status: 200, body: body), clusterId: "c").deliver(
            (1...6).map { sampleEvent("e\($0)") }, deadline: farDeadline)
        #expect(outcomes[0] == .delivered)
        #expect(outcomes[1] == .retry(reason: "kafka error 429: rate limited", retryAfter: nil))
        #expect(outcomes[2] == .retry(reason: "kafka error 50003: not leader", retryAfter: nil))
        #expect(outcomes[3] == .retry(reason: "kafka error 408: stream too long", retryAfter: nil))
        #expect(outcomes[4] == .permanent(reason: "kafka error 40401: Topic x not present in metadata"))
        guard case .retry(let reason, _) = outcomes[5] else { Issue.record("missing report must retry"); return }
        #expect(reason.contains("5 delivery reports for 6 records"))
    }

    @Test func staleDiscoveredClusterIsRediscoveredOnce() {
        let cache = MemoryCache()
        cache.values["kafka-rest.v3.cluster-id http://proxy.test:8082"] = "lkc-old"
        let transport = FakeTransport([answer(404, #"{"error_code":404,"message":"Cluster not found"}"#), answer(200, clusters), answer(200, ok)])
        #expect(sink(transport, cache: cache).deliver([sampleEvent()], deadline: farDeadline) == [.delivered])
        #expect(transport.requests.map(\.url) == [
            "http://proxy.test:8082/v3/clusters/lkc-old/topics/project-events/records",
            "http://proxy.test:8082/v3/clusters",
            "http://proxy.test:8082/v3/clusters/lkc-abc123/topics/project-events/records",
        ])
        #expect(cache.values["kafka-rest.v3.cluster-id http://proxy.test:8082"] == "lkc-abc123")
    }

    @Test func configuredCluster404IsPermanent() {
        let transport = FakeTransport(status: 404, body: #"{"error_code":404,"message":"HTTP 404 Not Found"}"#)
        #expect(sink(transport, clusterId: "lkc-x").deliver([sampleEvent()], deadline: farDeadline)
            == [.permanent(reason: "kafka rest proxy answered HTTP 404: HTTP 404 Not Found")])
        #expect(transport.requests.count == 1)
    }

    @Test func unreachableDiscoveryLeavesTheEventNotSent() {
        let transport = FakeTransport([.failure(.couldNotConnect(url: "http://proxy.test:8082/v3/clusters", reason: "refused"))])
        #expect(sink(transport).deliver([sampleEvent()], deadline: farDeadline)
            == [.notSent(reason: "could not connect to 'http://proxy.test:8082/v3/clusters': refused")])
    }

    @Test func preStreamErrorsArePermanent() {
        let transport = FakeTransport(status: 422, body: #"{"error_code":422,"message":"Payload error. Request body is empty. Data is required."}"#)
        #expect(sink(transport, clusterId: "c").deliver([sampleEvent()], deadline: farDeadline)
            == [.permanent(reason: "kafka rest proxy answered HTTP 422: Payload error. Request body is empty. Data is required.")])
    }
}

@Suite struct ConcatenatedJSONReaderTests {
    @Test func readsObjectsSeparatedByAnyWhitespace() {
        let text = "{\"a\":1}\r\n{\"b\":\"x}\\\"{\"}  \n\t{\"c\":[1,{\"d\":2}]}{\"e\":null}\r\n"
        let result = ConcatenatedJSONReader.values(in: Data(text.utf8))
        #expect(result.complete)
        #expect(result.values == [["a": 1], ["b": "x}\"{"], ["c": [1, ["d": 2]]], ["e": nil]])
    }

    @Test func stopsAtTruncatedObject() {
        let result = ConcatenatedJSONReader.values(in: Data("{\"a\":1}\r\n{\"error_code\":2".utf8))
        #expect(result.values == [["a": 1]])
        #expect(!result.complete)
    }

    @Test func stopsAtInvalidObject() {
        let result = ConcatenatedJSONReader.values(in: Data("{\"a\":1}{\"b\":}{\"c\":3}".utf8))
        #expect(result.values == [["a": 1]])
        #expect(!result.complete)
    }

    @Test func emptyStreamIsComplete() {
        let result = ConcatenatedJSONReader.values(in: Data("\r\n".utf8))
        #expect(result.values.isEmpty && result.complete)
    }
}
