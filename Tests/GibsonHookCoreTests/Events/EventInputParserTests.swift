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
        #expect(value["n"] == [.numberText("-0"), 12, .numberText("-3.5e2"), .numberText("1E3"), .integer(Int64.max)])
        for bad in ["", "01", "[1,]", "{\"a\" 1}", "\"\\ud800\"", "\"a\u{1}\"", "tru", "1.", "[1", "{\"a\":1,}"] {
            #expect(throws: JSONValueError.self, "\(bad)") { try JSONByteParser.parse(bad) }
        }
    }
}

/// Numbers keep their exact text from input to the stored bytes; one a double cannot reach is refused.
@Suite struct EventNumberTests {
    let parser = EventInputParser(factory: EventFactory(configuration: Configuration(), hostName: "h", clock: ManualClock()))

    func storedData(_ line: String) throws -> String {
        let bytes = Array(line.utf8)
        let body = try bytes.withUnsafeBufferPointer { try parser.parseSerialized(line: $0).1 }
        let text = String(decoding: body, as: UTF8.self)
        return String(text[text.range(of: #""data":"#)!.upperBound...].dropLast())
    }

    @Test func numbersKeepTheirTextOnTheWayToTheOutbox() throws {
        let numbers = "[18446744073709551615,-9223372036854775809,0.10000000000000000000001,-0.0,-0,1e400000000000000000000,2.50,1E-7,3.14,42,-7,1e308]"
        // 1e400000000000000000000 is out of range; check the others.
        let kept = numbers.replacingOccurrences(of: "1e400000000000000000000,", with: "")
        #expect(try storedData(#"{"type":"a.b","data":"# + kept + "}") == kept)
    }

    @Test func aNumberPastWhatADoubleHoldsIsAClearError() {
        for number in ["1e309", "-1e400", "1" + String(repeating: "0", count: 400)] {
            #expect(throws: EventInputError.numberOutOfRange(number)) { try storedData(#"{"type":"a.b","data":{"n":"# + number + "}}") }
        }
        #expect(EventInputError.numberOutOfRange("1e309").description
            == "number 1e309 is out of range: JSON numbers must fit a 64-bit float (up to about 1.8e308); send it as a string")
        #expect(throws: JSONValueError.outOfRange(number: "1e309", line: 3)) { try JSONValue.parse("{\n\"a\":\n1e309}") }
        #expect(JSONValueError.outOfRange(number: String(repeating: "9", count: 400), line: 2).description
            == "line 2: number \(String(repeating: "9", count: 40))… is out of range: JSON numbers must fit a 64-bit float (up to about 1.8e308); send it as a string")
    }
}
