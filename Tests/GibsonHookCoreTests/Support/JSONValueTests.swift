import Foundation
import GibsonHookCore
import Testing

@Suite struct JSONValueTests {
    @Test func roundTripsEveryKind() throws {
        let text = #"{"a":[1,2.5,"x",true,null],"b":{"c":"é \"q\" \n"}}"#
        let value = try JSONValue.parse(text)
        #expect(try JSONValue.parse(value.serialized()) == value)
        #expect(value["a"]?.arrayValue?.first == .integer(1))
    }

    @Test func serialisesWithSortedKeys() {
        let value: JSONValue = ["z": 1, "a": 2]
        #expect(value.serialized() == #"{"a":2,"z":1}"#)
    }

    @Test func escapesControlCharacters() {
        #expect(JSONValue.string("\u{01}").serialized() == #""\u0001""#)
    }

    @Test func reportsInvalidJSON() {
        #expect(throws: JSONValueError.self) { try JSONValue.parse("{\"a\":") }
    }
}
