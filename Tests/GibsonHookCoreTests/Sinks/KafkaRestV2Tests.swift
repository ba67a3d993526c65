import Foundation
import Testing
@testable import GibsonHookCore

@Suite struct KafkaRestV2Tests {
    func sink(_ transport: FakeTransport, format: KafkaRestSettings.Format = .json, batchSize: Int = 500, api: KafkaRestSettings.API = .v2) -> KafkaRestSink {
        var settings = KafkaRestSettings()
        settings.url = "http://proxy.test:8082/"
        settings.api = api
        settings.format = format
        settings.batchSize = batchSize
        return KafkaRestSink(settings: settings, transport: transport, environment: ProcessEnvironment(), cache: MemoryCache(), clock: FixedClock())
    }

    let twoOffsets = #"{"offsets":[{"partition":0,"offset":1,"error_code":null,"error":null},{"partition":0,"offset":2,"error_code":null,"error":null}]}"#

    @Test func jsonFormatRequestShape() throws {
        let transport = FakeTransport(status: 200, body: twoOffsets)
        let outcomes = sink(transport).deliver([sampleEvent("a"), sampleEvent("b", key: nil)], deadline: farDeadline)
        #expect(outcomes == [.delivered, .delivered])
        let request = transport.requests[0]
        #expect(request.method == .post)
        #expect(request.url == "http://proxy.test:8082/topics/project-events")
        #expect(request.header("Content-Type") == "application/vnd.kafka.json.v2+json")
        #expect(request.header("Accept") == "application/vnd.kafka.v2+json")
        let body = try JSONValue.parse(request.body)
        let records = try #require(body["records"]?.arrayValue)
        #expect(body.objectValue?.keys.sorted() == ["records"])
        #expect(records[0]["key"] == "acme/widgets")
        #expect(records[0]["value"] == sampleEvent("a").event.jsonObject)
        // A missing key is omitted, never null.
        #expect(records[1].objectValue?.keys.sorted() == ["value"])
    }

    @Test func storedEventBytesAreSplicedInsteadOfSerialisedAgain() throws {
        let transport = FakeTransport(status: 200, body: #"{"offsets":[{"partition":0,"offset":1,"error_code":null}]}"#)
        // Bytes that differ from the event's own serialisation prove which one travelled.
        var event = OutboundEvent(
            event: sampleEvent("a").event, topic: "project-events", key: "acme/widgets",
            storedJSON: Array(#"{"specversion":"1.0","id":"stored","source":"s","type":"t"}"#.utf8))
        _ = sink(transport).deliver([event], deadline: farDeadline)
        let record = try #require(try JSONValue.parse(transport.requests[0].body)["records"]?.arrayValue?.first)
        #expect(record["value"]?["id"] == "stored")
        // Changing the event drops the stored bytes, so a modified event is never sent stale.
        event.event.id = "changed"
        #expect(event.storedJSON == nil)
    }

    @Test func onlyV3ReadsEventAttributes() {
        #expect(!sink(FakeTransport(status: 200, body: "")).readsEventAttributes)
        #expect(!sink(FakeTransport(status: 200, body: ""), api: .redpanda).readsEventAttributes)
        #expect(sink(FakeTransport(status: 200, body: ""), api: .v3).readsEventAttributes)
    }

    @Test func anUnparsedEventIsSentAsStoredAndStillReadableOnDemand() throws {
        let transport = FakeTransport(status: 200, body: #"{"offsets":[{"partition":0,"offset":1,"error_code":null}]}"#)
        let stored = EventJSONWriter.bytes(of: sampleEvent("lazy").event)
        let event = OutboundEvent(unparsed: stored, topic: "project-events", key: "acme/widgets")
        #expect(event.event == sampleEvent("lazy").event)
        _ = sink(transport).deliver([event], deadline: farDeadline)
        #expect(Array(transport.requests[0].body) == Array(#"{"records":[{"key":"acme/widgets","value":"#.utf8) + stored + Array("}]}".utf8))
    }

    @Test func binaryFormatBase64EncodesKeyAndValue() throws {
        let transport = FakeTransport(status: 200, body: #"{"offsets":[{"partition":0,"offset":1,"error_code":null}]}"#)
        _ = sink(transport, format: .binary).deliver([sampleEvent("a")], deadline: farDeadline)
        #expect(transport.requests[0].header("Content-Type") == "application/vnd.kafka.binary.v2+json")
        let record = try #require(try JSONValue.parse(transport.requests[0].body)["records"]?.arrayValue?.first)
        #expect(record["key"] == .string(Data("acme/widgets".utf8).base64EncodedString()))
        let value = try #require(record["value"]?.stringValue.flatMap { Data(base64Encoded: $0) })
        #expect(try JSONValue.parse(value) == sampleEvent("a").event.jsonObject)
    }

    @Test func oneRequestPerTopicPreservingOrder() throws {
        let transport = FakeTransport(status: 200, body: twoOffsets)
        let batch = [sampleEvent("a", topic: "t1"), sampleEvent("b", topic: "t2"), sampleEvent("c", topic: "t1")]
        let outcomes = sink(transport).deliver(batch, deadline: farDeadline)
        #expect(transport.requests.map(\.url) == ["http://proxy.test:8082/topics/t1", "http://proxy.test:8082/topics/t2"])
        let ids = try JSONValue.parse(transport.requests[0].body)["records"]?.arrayValue?.map { $0["value"]?["id"] }
        #expect(ids == ["a", "c"])
        #expect(outcomes == [.delivered, .delivered, .delivered])
    }

    @Test func batchSizeSplitsRequests() {
        let transport = FakeTransport(status: 200, body: twoOffsets)
        _ = sink(transport, batchSize: 2).deliver((1...5).map { sampleEvent("e\($0)") }, deadline: farDeadline)
        #expect(transport.requests.count == 3)
    }

    @Test func perRecordCodes() {
        let body = #"{"offsets":[{"partition":0,"offset":1,"error_code":null,"error":null},"#
            + #"{"partition":null,"offset":null,"error_code":50003,"error":"not leader"},"#
            + #"{"partition":null,"offset":null,"error_code":50002,"error":"record too large"}]}"#
        let outcomes = sink(FakeTransport(status: 200, body: body)).deliver(
            [sampleEvent("a"), sampleEvent("b"), sampleEvent("c"), sampleEvent("d")], deadline: farDeadline)
        #expect(outcomes[0] == .delivered)
        #expect(outcomes[1] == .retry(reason: "kafka error 50003: not leader", retryAfter: nil))
        #expect(outcomes[2] == .permanent(reason: "kafka error 50002: record too large"))
        // Fewer offsets than records: the rest are retried.
        guard case .retry = outcomes[3] else { Issue.record("expected retry, got \(outcomes[3])"); return }
    }

    @Test func authFailureStatusStillReadsOffsets() {
        let body = #"{"offsets":[{"partition":0,"offset":1,"error_code":null},{"error_code":40101,"error":"sasl failed"}]}"#
        let outcomes = sink(FakeTransport(status: 401, body: body)).deliver([sampleEvent("a"), sampleEvent("b")], deadline: farDeadline)
        #expect(outcomes == [.delivered, .permanent(reason: "kafka error 40101: sasl failed")])
    }

    @Test(arguments: [408, 429, 502, 503, 504])
    func retriableStatuses(status: Int) {
        let transport = FakeTransport(status: status, body: #"{"error_code":\#(status),"message":"busy"}"#, headers: [HTTPHeader("Retry-After", "7")])
        let outcomes = sink(transport).deliver([sampleEvent()], deadline: farDeadline)
        #expect(outcomes == [.retry(reason: "kafka rest proxy answered HTTP \(status): busy", retryAfter: 7)])
    }

    @Test(arguments: [400, 401, 403, 404, 413, 415, 422])
    func permanentStatuses(status: Int) {
        let transport = FakeTransport(status: status, body: #"{"error_code":\#(status),"message":"Unrecognized field: headers"}"#)
        let outcomes = sink(transport).deliver([sampleEvent()], deadline: farDeadline)
        #expect(outcomes == [.permanent(reason: "kafka rest proxy answered HTTP \(status): Unrecognized field: headers")])
    }

    @Test func serverErrorCodes() {
        let retriable = sink(FakeTransport(status: 500, body: #"{"error_code":50003,"message":"retriable"}"#))
        guard case .retry = retriable.deliver([sampleEvent()], deadline: farDeadline)[0] else { Issue.record("50003 must retry"); return }
        let fatal = sink(FakeTransport(status: 500, body: #"{"error_code":50002,"message":"fatal"}"#))
        #expect(fatal.deliver([sampleEvent()], deadline: farDeadline) == [.permanent(reason: "kafka rest proxy answered HTTP 500: fatal")])
    }

    @Test func redirectIsNotFollowed() {
        let transport = FakeTransport(status: 307, headers: [HTTPHeader("Location", "http://other/topics/x")])
        let outcomes = sink(transport).deliver([sampleEvent()], deadline: farDeadline)
        #expect(outcomes == [.permanent(reason: "HTTP 307: redirect to 'http://other/topics/x' not followed; configure the final URL")])
        #expect(transport.requests.count == 1)
    }

    @Test func connectFailureAndTimeoutAreNotSentAndSpendNoAttempt() {
        let refused = FakeTransport([.failure(.couldNotConnect(url: "http://proxy.test:8082/topics/x", reason: "refused"))])
        #expect(sink(refused).deliver([sampleEvent()], deadline: farDeadline)
            == [.notSent(reason: "could not connect to 'http://proxy.test:8082/topics/x': refused")])
        let timedOut = FakeTransport([.failure(.timedOut(url: "u", reason: "slow"))])
        #expect(sink(timedOut).deliver([sampleEvent()], deadline: farDeadline)
            == [.notSent(reason: "no answer from 'u' in time (outcome unknown, will retry): slow")])
    }

    @Test func okWithoutOffsetsIsUnknown() {
        guard case .retry = sink(FakeTransport(status: 200, body: "<html>")).deliver([sampleEvent()], deadline: farDeadline)[0] else {
            Issue.record("must retry"); return
        }
    }
}

@Suite struct RedpandaProxyTests {
    func sink(_ transport: FakeTransport, format: KafkaRestSettings.Format = .json) -> KafkaRestSink {
        var settings = KafkaRestSettings()
        settings.url = "http://redpanda.test:8082"
        settings.api = .redpanda
        settings.format = format
        return KafkaRestSink(settings: settings, transport: transport, environment: ProcessEnvironment(), cache: MemoryCache(), clock: FixedClock())
    }

    @Test func requestUsesV2PathAndOnlyKeyAndValue() throws {
        let transport = FakeTransport(status: 200, body: #"{"offsets":[{"partition":0,"offset":5}]}"#)
        let outcomes = sink(transport, format: .binary).deliver([sampleEvent("a", key: nil), sampleEvent("b")], deadline: farDeadline)
        #expect(outcomes == [.delivered, .delivered])
        let request = transport.requests[0]
        #expect(request.url == "http://redpanda.test:8082/topics/project-events")
        #expect(request.header("Content-Type") == "application/vnd.kafka.binary.v2+json")
        #expect(request.header("Accept") == "application/vnd.kafka.v2+json")
        let records = try #require(try JSONValue.parse(request.body)["records"]?.arrayValue)
        #expect(records[0].objectValue?.keys.sorted() == ["value"])
        #expect(records[1].objectValue?.keys.sorted() == ["key", "value"])
    }

    @Test func anyPartitionErrorRetriesEveryRecord() {
        let body = #"{"offsets":[{"partition":0,"offset":5},{"partition":1,"error_code":37,"offset":-1}]}"#
        let outcomes = sink(FakeTransport(status: 200, body: body)).deliver([sampleEvent("a"), sampleEvent("b"), sampleEvent("c")], deadline: farDeadline)
        #expect(outcomes.count == 3)
        for outcome in outcomes {
            guard case .retry(let reason, _) = outcome else { Issue.record("expected retry"); continue }
            #expect(reason.contains("partition 1 error 37"))
        }
    }

    @Test(arguments: [406, 415, 422])
    func parserRejectionsArePermanent(status: Int) {
        let transport = FakeTransport(status: status, body: #"{"error_code":\#(status),"message":"parse error at offset 12"}"#)
        #expect(sink(transport).deliver([sampleEvent()], deadline: farDeadline)
            == [.permanent(reason: "kafka rest proxy answered HTTP \(status): parse error at offset 12")])
    }
}
