import Foundation
import Testing
@testable import GibsonHookCore

@Suite struct KafkaBinaryRecordTests {
    private let sink = KafkaNativeSink(settings: {
        var settings = KafkaRestSettings()
        settings.brokers = ["kafka-1:9092"]
        return settings
    }(), environment: ProcessEnvironment())

    /// The record the parsing path makes of `event` (from a parsed event, so no stored bytes are scanned).
    private func parsed(_ event: CloudEvent) -> [String] {
        render(sink.record(OutboundEvent(event: event, topic: "t", key: "k")))
    }

    private func render(_ record: ([(String, [UInt8])], [UInt8])) -> [String] {
        record.0.map { "\($0.0): \(String(decoding: $0.1, as: UTF8.self))" } + ["value: " + String(decoding: record.1, as: UTF8.self)]
    }

    private func scanned(_ event: CloudEvent) -> [String]? {
        KafkaBinaryRecord.from(stored: EventJSONWriter.bytes(of: event)).map(render)
    }

    @Test func theStoredJSONGivesTheRecordTheParsingPathGives() throws {
        var event = CloudEvent(id: "e-1", source: "gibson-hook://repo", type: "dev.test")
        event.time = "2026-12-02T07:00:00.000Z"
        event.subject = "Euro € \"quoted\" \\ tab\t 𝄞"
        event.dataSchema = "https://example.com/schema"
        event.extensions = ["zeta": .string("last"), "alpha": .string("first")]
        event.data = .object(["n": .integer(1), "nested": .array([.string("a,}]"), .null, .bool(true), .number(1.5)])])
        let record = try #require(scanned(event))
        #expect(record == parsed(event))
        #expect(record.last == #"value: {"n":1,"nested":["a,}]",null,true,1.5]}"#)
        event.data = nil
        #expect(scanned(event) == parsed(event))
        event.dataContentType = "application/cloudevents+json"
        event.data = .string("text")
        #expect(scanned(event) == parsed(event))
    }

    @Test func whatTheScannerCannotReproduceIsLeftToTheParsingPath() {
        var event = CloudEvent(id: "e-1", source: "s", type: "t")
        event.dataContentType = "text/plain"
        event.data = .string("plain text")  // sent as its text, not as a JSON string
        #expect(scanned(event) == nil)
        event.dataContentType = nil
        event.data = .null
        #expect(scanned(event) == nil)
        event.data = nil
        event.extensions = ["count": .integer(3)]  // a non-string extension
        #expect(scanned(event) == nil)
        for text in [#"{"specversion":"1.0","id":"e","source":"s","type":"t","data_base64":"AA=="}"#,
                     #"{"specversion":"1.0","id":"e","source":"s"}"#, #"{"specversion":"1.0","id":"e""#, "[]", ""] {
            #expect(KafkaBinaryRecord.from(stored: Array(text.utf8)) == nil, "\(text)")
        }
    }

    @Test func unparsedStoredEventsTakeTheScannerAndTheRestFallBack() {
        var event = CloudEvent(id: "e-2", source: "s", type: "t")
        event.data = .object(["k": .string("v")])
        let stored = OutboundEvent(unparsed: EventJSONWriter.bytes(of: event), topic: "t", key: nil)
        #expect(render(sink.record(stored)) == parsed(event))
        event.dataContentType = "text/plain"
        event.data = .string("plain")
        let fallback = OutboundEvent(unparsed: EventJSONWriter.bytes(of: event), topic: "t", key: nil)
        #expect(render(sink.record(fallback)).last == "value: plain")
    }
}
