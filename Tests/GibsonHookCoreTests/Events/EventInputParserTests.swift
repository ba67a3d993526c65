import Foundation
import Testing
@testable import GibsonHookCore

@Suite struct EventInputParserTests {
    let parser = EventInputParser(factory: EventFactory(configuration: Configuration(), hostName: "h", clock: ManualClock()))

    func parse(_ line: String) throws -> OutboundEvent {
        let bytes = Array(line.utf8)
        return try bytes.withUnsafeBufferPointer { try parser.parse(line: $0) }
    }

    @Test func shortFormUsesTheGivenTopicKeySubjectAndSource() throws {
        let event = try parse(#"{"type":"project.created","data":{"a":[1,2.5,"é\n"]},"topic":"t","key":"k","subject":"s","source":"/src"}"#)
        #expect(event.topic == "t" && event.key == "k")
        #expect(event.event.subject == "s" && event.event.source == "/src")
        #expect(event.event.data == ["a": [1, .number(2.5), "é\n"]])
    }

    @Test func fullCloudEventsKeepTheirIdAndAttributes() throws {
        let event = try parse(#"{"specversion":"1.0","id":"x-1","source":"/s","type":"com.example.t","partitionkey":"p","data":null}"#)
        #expect(event.event.id == "x-1" && event.key == "p" && event.event.data == .null)
        #expect(event.event.extensions == ["partitionkey": "p"])
    }

    @Test func badInputIsExplained() {
        #expect(throws: EventInputError.notAnObject) { try parse("[]") }
        #expect(throws: EventInputError.missingType) { try parse(#"{"data":{}}"#) }
        #expect(throws: EventInputError.unknownMember("tpye")) { try parse(#"{"tpye":"a.b"}"#) }
        #expect(throws: EventInputError.wrongType(member: "type", expected: "a non-empty string")) { try parse(#"{"type":3}"#) }
        #expect(throws: EventInputError.invalidCloudEvent(.invalidExtensionName("Bad-Name"))) {
            try parse(#"{"specversion":"1.0","id":"1","source":"/s","type":"t","Bad-Name":1}"#)
        }
        #expect(throws: EventInputError.invalidJSON("invalid JSON: unexpected text after the JSON value at byte 4")) { try parse("{} x") }
    }

    @Test func eventsOver64KiBAreRefused() {
        let big = String(repeating: "x", count: 70_000)
        #expect(throws: EventInputError.self) { try parse(#"{"type":"a.b","data":""# + big + #""}"#) }
    }

    @Test func byteParserHandlesEscapesSurrogatesAndNumbers() throws {
        let value = try JSONByteParser.parse(#" {"s":"a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00","n":[-0,12,-3.5e2,1E3,9223372036854775807]} "#)
        #expect(value["s"] == .string("a\"\\/\u{8}\u{C}\n\r\té😀"))
        #expect(value["n"] == [0, 12, .number(-350), .number(1000), .integer(Int64.max)])
        for bad in ["", "01", "[1,]", "{\"a\" 1}", "\"\\ud800\"", "\"a\u{1}\"", "tru", "1.", "[1", "{\"a\":1,}"] {
            #expect(throws: JSONValueError.self, "\(bad)") { try JSONByteParser.parse(bad) }
        }
    }
}
