import Foundation
import Testing
@testable import GibsonHookCore

@Suite struct ConfigReportTests {
    @Test func reportListsEveryKeyWithOriginAndMasksSecrets() throws {
        let sandbox = try ConfigSandbox()
        try sandbox.write("""
            sinks:
              kafka:
                url: https://alice:hunter2@kafka.example:8082
                auth: {kind: basic, username: alice, password: hunter2}
            """, to: sandbox.repositoryFile)
        let report = ConfigReport(try sandbox.load())
        let byKey = Dictionary(uniqueKeysWithValues: report.entries.map { ($0.key, $0) })
        #expect(byKey["sinks.kafka.auth.password"]?.value == .string("********"))
        #expect(byKey["sinks.kafka.auth.username"]?.value == .string("alice"))
        #expect(byKey["sinks.kafka.url"]?.value == .string("https://alice:********@kafka.example:8082"))
        #expect(byKey["sinks.kafka.auth.token"]?.value == .null)
        #expect(byKey["gibson.command"]?.origin == .defaultValue)
        #expect(byKey["sinks.kafka.url"]?.origin.line == 3)
        #expect(byKey["topics.gibson-events.partitions"]?.value == .integer(3))
        #expect(byKey["gibson.probes"] != nil)
        #expect(!report.json.serialized().contains("hunter2"))
        #expect(report.entries.map(\.key) == report.entries.map(\.key).sorted())
    }

    @Test func everyDefaultRoundTripsThroughItsOwnSpelling() throws {
        // Writing each default back as a --set value must give the default again: the schema's
        // rendering and parsing agree for every scalar key.
        let sandbox = try ConfigSandbox()
        let report = ConfigReport(try sandbox.load())
        let assignments = report.entries.compactMap { entry -> String? in
            switch entry.value {
            case .string(let text): return "\(entry.key)=\(text)"
            case .integer(let number): return "\(entry.key)=\(number)"
            case .bool(let flag): return "\(entry.key)=\(flag)"
            default: return nil
            }
        }
        #expect(assignments.count > 50)
        #expect(try sandbox.load(ConfigOverrides(assignments: assignments)).configuration == Configuration())
    }

    @Test func didYouMeanIgnoresCaseAndSeparators() {
        #expect(DidYouMean.closest(to: "cache_ttl", among: ["cacheTTL", "timeout"]) == "cacheTTL")
        #expect(DidYouMean.closest(to: "timeot", among: ["cacheTTL", "timeout"]) == "timeout")
        #expect(DidYouMean.closest(to: "zzz", among: ["cacheTTL", "timeout"]) == nil)
    }
}
