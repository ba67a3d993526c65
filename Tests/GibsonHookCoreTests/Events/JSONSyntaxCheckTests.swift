import Testing
@testable import GibsonHookCore

@Suite struct JSONSyntaxCheckTests {
    func isObject(_ text: String) -> Bool {
        Array(text.utf8).withUnsafeBufferPointer { JSONSyntaxCheck.isObject($0) }
    }

    @Test func acceptsObjectsOfEveryKindOfValue() {
        #expect(isObject(#" {"a":[1,-2.5e3,0,true,false,null,"x\"\\\/\b\f\n\r\t\u00e9"],"b":{},"c":[]} "#))
        #expect(isObject("{}"))
        #expect(isObject(String(decoding: EventJSONWriter.bytes(of: CloudEvent(id: "1", source: "s", type: "t", data: ["k": "v"])), as: UTF8.self)))
    }

    @Test(arguments: [
        "{not json", "", "[]", "\"text\"", "{\"a\":1} x", "{\"a\":01}", "{\"a\":1.}", "{\"a\":tru}", "{\"a\" 1}",
        "{\"a\":1,}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12g4\"}", "{\"a\":\"unterminated}", "{\"a\":[1,2}", "{\"a\":\"\u{01}\"}",
    ])
    func rejectsAnythingButOneObject(_ text: String) {
        #expect(!isObject(text))
    }

    @Test func rejectsInvalidUTF8() {
        let bytes: [UInt8] = Array("{\"a\":\"".utf8) + [0xFF] + Array("\"}".utf8)
        #expect(!bytes.withUnsafeBufferPointer { JSONSyntaxCheck.isObject($0) })
    }
}
