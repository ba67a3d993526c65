import Foundation
import Testing
@testable import GibsonHookCore

/// The schema facts embedded in the binary stay equal to `schemas/*.schema.json`, and the checker reports
/// each violation with its JSON path and expectation.
@Suite struct DataSchemaTests {
    /// The facts of a schema file that `DataSchema` embeds.
    static func facts(of name: String) throws -> DataSchema {
        let url = EventSchemaTests.schemas.appendingPathComponent(name + ".schema.json")
        let schema = try JSONValue.parse(String(contentsOf: url, encoding: .utf8))
        var properties: [String: DataSchema.Property] = [:]
        for (property, rule) in schema["properties"]?.objectValue ?? [:] {
            let types = rule["type"].map { $0.arrayValue ?? [$0] }?.compactMap(\.stringValue) ?? []
            let allowed = rule["enum"]?.arrayValue?.compactMap(\.stringValue) ?? rule["const"].flatMap(\.stringValue).map { [$0] }
            properties[property] = .init(types, allowed: allowed, items: rule["items"]?["type"]?.stringValue)
        }
        let required = schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
        return DataSchema(title: schema["title"]?.stringValue ?? "", required: required, properties: properties)
    }

    @Test func embeddedSchemasMatchTheFiles() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: EventSchemaTests.schemas.path)
            .filter { $0.hasSuffix(".schema.json") }.map { String($0.dropLast(".schema.json".count)) }
        #expect(Set(files) == Set(DataSchema.all.keys))
        for (name, embedded) in DataSchema.all { #expect(try Self.facts(of: name) == embedded, "\(name) drifted") }
    }

    @Test func violationsNameThePathAndTheExpectation() throws {
        let schema = try #require(DataSchema.of(type: "ai.gibson.hook.gibson.recovery"))
        let data = try JSONValue.parse(#"{"eventId":"e","timestamp":"t","eventType":"reboot","serviceStatus":3}"#)
        #expect(schema.violations(of: data) == [
            "data.metadata: required property is missing",
            #"data.eventType: expected one of activation, deactivation, health-check, error, recovery; got "reboot""#,
            "data.serviceStatus: expected one of starting, running, stopping, stopped, error; got 3",
        ])
        #expect(DataSchema.of(type: "com.example.thing") == nil)
        #expect(DataSchema.commitEvent.violations(of: .string("x")) == [#"data: expected object; got "x""#])
    }
}
