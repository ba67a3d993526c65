import Foundation
import Testing
@testable import GibsonHookCore

@Suite struct EventJSONWriterTests {
    let tricky = CloudEvent(
        id: "id \"quoted\" \\ back", source: "urn:x", type: "t", time: "2026-01-01T00:00:00Z", subject: "line\nbreak\ttab\u{01}",
        dataSchema: "https://schemas.test/x", extensions: ["zeta": 1, "alpha": true, "mid": "Euro € 😀"],
        data: ["b": [1, .number(2.5), nil, false], "a": ["nested": "é"], "n": -3])

    @Test func parsesBackToTheEventObject() throws {
        let bytes = EventJSONWriter.bytes(of: tricky)
        #expect(try JSONValue.parse(Data(bytes)) == tricky.jsonObject)
    }

    @Test func valuesMatchSortedSerialization() {
        var writer = EventJSONWriter()
        writer.value(tricky.data!)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == tricky.data!.serialized())
        var escaped = EventJSONWriter()
        escaped.string("a\"b\\c\nd\u{1f}é")
        var expected = ""
        JSONValue.writeString("a\"b\\c\nd\u{1f}é", into: &expected)
        #expect(String(decoding: escaped.bytes, as: UTF8.self) == expected)
    }

    @Test func eventWithoutOptionalAttributes() throws {
        let bare = CloudEvent(id: "1", source: "s", type: "t", dataContentType: nil)
        #expect(try JSONValue.parse(Data(EventJSONWriter.bytes(of: bare))) == bare.jsonObject)
    }
}
