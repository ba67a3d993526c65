import Foundation
import Testing
@testable import GibsonHookCore

/// The bounds a document is held to before it is composed (`ConfigLimits`), through the fuzz entry point
/// `ConfigLoader.check(contents:path:limits:)`.
@Suite struct ConfigLimitsTests {
    private func errors(_ yaml: String, _ limits: ConfigLimits = .standard) -> [String] {
        ConfigLoader.check(contents: Data(yaml.utf8), path: "c.yml", limits: limits)
            .filter { $0.severity == .error }.map(\.description)
    }

    /// A billion-laughs document of `levels` levels, each a list of nine aliases to the previous one.
    static func aliasBomb(levels: Int) -> String {
        var lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for level in 1..<levels {
            lines.append("a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func anAliasBombIsRefusedWhereItCrossesTheNodeLimit() {
        // Level 5 expands to 9^5 = 59,049 scalars, level 6 to 531,441: the 250,000 limit falls in line 6,
        // at the alias that crosses it.
        #expect(errors(Self.aliasBomb(levels: 9)) == [
            "c.yml:6:20: error: the YAML document expands to more than 250000 values here, counting each alias as "
                + "the value it repeats: remove nested aliases (an alias bomb looks like this) or shorten the file",
        ])
    }

    @Test func aliasesAreCountedAgainstTheirLimit() {
        let yaml = "gibson:\n  probes: []\nx: &x 1\nl: [" + Array(repeating: "*x", count: 4).joined(separator: ", ") + "]\n"
        #expect(errors(yaml, ConfigLimits(maxAliases: 3)) == [
            "c.yml:4:17: error: too many YAML aliases: '*x' here is number 4, and a configuration may use at most 3: "
                + "write the values out instead of referring to anchors",
        ])
    }

    @Test func nestingIsLimitedBeforeComposing() {
        #expect(errors(String(repeating: "[", count: 70) + String(repeating: "]", count: 70) + "\n") == [
            "c.yml:1:65: error: lists and mappings are nested more than 64 levels deep here: a configuration needs "
                + "at most 5; check for unclosed '[' or '{'",
        ])
        // libyaml stops at its own limit (1,000 levels) while scanning ahead: reported as the same limit.
        #expect(errors(String(repeating: "[", count: 100_000) + "\n") == [
            "c.yml:1:1: error: lists and mappings are nested more than 64 levels deep here: a configuration needs "
                + "at most 5; check for unclosed '[' or '{'",
        ])
    }

    @Test func aFileOverTheSizeLimitIsRefusedAtTheByteWhereTheLimitFalls() {
        let yaml = "# comment\n" + String(repeating: "x", count: 100) + "\n"
        #expect(errors(yaml, ConfigLimits(maxFileBytes: 50)) == [
            "c.yml:2:41: error: configuration file 'c.yml' is larger than 50 bytes, the most gibson-hook reads "
                + "(the limit is reached here): keep the configuration under 50 bytes",
        ])
    }

    @Test func anchorsAndAliasesWithinTheLimitsStillWork() throws {
        let yaml = """
            sinks:
              kafka:
                url: http://127.0.0.1:8082
                auth: &auth {kind: bearer, tokenEnv: KAFKA_TOKEN}
              cloudEvents:
                url: http://127.0.0.1:9000/in
                auth: *auth

            """
        #expect(errors(yaml) == [])
    }

    @Test func invalidUTF8AndControlCharactersAreLocated() {
        var bytes = Data("gibson:\n  command: ok\n  timeout: 1".utf8)
        bytes.append(contentsOf: [0xFF, 0x0A])
        #expect(ConfigLoader.check(contents: bytes, path: "c.yml").map(\.description) == [
            "c.yml:3:13: error: configuration file 'c.yml' is not UTF-8 text: the bytes here are not valid UTF-8; "
                + "save the file as UTF-8",
        ])
        #expect(errors("gibson:\n  command: g\u{0}\n") == [
            "c.yml:2:13: error: configuration file 'c.yml' contains the control character U+0000 here, which YAML "
                + "does not allow: remove it (a tab, line feed or carriage return is fine)",
        ])
        // CR LF line ends count as one line break, as libyaml counts them.
        #expect(errors("a: 1\r\nb: \u{7}\r\n").first?.hasPrefix("c.yml:2:4: error: ") == true)
    }

    @Test func hundredsOfProblemsArePrintedAsAHundredAndACount() {
        let yaml = (0..<250).map { "unknown\($0): 1\n" }.joined()
        let found = errors(yaml)
        #expect(found.count == 101)
        #expect(found[0] == "c.yml:1:1: error: unknown key 'unknown0': known keys here are gibson, infrastructure, "
            + "sinks, topics, routing, eventTriggers, workflows, outbox, delivery, hooks, project, listen, actions")
        #expect(found[100] == "error: 150 more problems not shown: fix the ones above and check again")
    }

    @Test func aLongUnknownKeyIsQuotedShortAndGetsNoSuggestion() {
        let key = String(repeating: "k", count: 500)
        #expect(errors("\(key): 1\n") == [
            "c.yml:1:1: error: unknown key '\(String(repeating: "k", count: 100))…': known keys here are gibson, "
                + "infrastructure, sinks, topics, routing, eventTriggers, workflows, outbox, delivery, hooks, project, listen, actions",
        ])
    }

    @Test func recordingAKeyForgetsTheOriginsBelowIt() {
        var index = ConfigKeyDescendants()
        for key in ["a.b", "a[0].c", "a.b.c", "ab.c"] { index.insert(key) }
        #expect(Set(index.removeAll(below: "a")) == ["a.b", "a[0].c", "a.b.c"])
        #expect(index.removeAll(below: "a") == [])
        #expect(index.removeAll(below: "ab") == ["ab.c"])
    }
}
