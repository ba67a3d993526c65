import Foundation
import GibsonHookCore
import Testing

/// Invalid endpoint URLs are configuration errors, found by `config check` and by every command before it
/// sends anything; configured URLs are printed with their secrets masked.
@Suite struct EndpointURLConfigTests {
    @Test func checkReportsEachBadURLAtItsPlaceWithSecretsMasked() throws {
        let sandbox = try TemporaryGitRepository()
        try sandbox.write(".gibson-hook.yml", """
            sinks:
              kafka:
                url: "http://proxy.example:8082/?apikey=s3cr3t"
              temporal:
                url: "grpc://temporal.example:7233"
            gibson:
              probes:
                - {name: api, kind: http, url: "http://api.example/health\\r\\nX-Injected: 1"}
            infrastructure:
              services:
                - {name: web, port: 80, url: "http://:80/"}

            """)
        let file = sandbox.root.appendingPathComponent(".gibson-hook.yml").path
        let result = try sandbox.gibsonHook(
            ["config", "check"], extraEnvironment: ["GIBSON_HOOK_CLOUDEVENTS_URL": "https://u:pw@ce.example/in put?token=t0k"])
        #expect(result.status == HookExitCode.failure.rawValue)
        #expect(result.stdout == "5 errors, 0 warnings\n")
        let expected: [String] = [
            "\(file):3:10: error: invalid URL 'http://proxy.example:8082/?apikey=********' for 'sinks.kafka.url': it is a "
                + "base URL that request paths are appended to, so it cannot have a query ('?') or a fragment ('#'): put "
                + "credentials in the sink's auth settings",
            "\(file):5:10: error: invalid URL 'grpc://temporal.example:7233' for 'sinks.temporal.url': scheme 'grpc' is "
                + "not supported: use http:// or https://",
            "\(file):8:36: error: invalid URL 'http://api.example/health\\r\\nX-Injected: 1' for 'gibson.probes[0].url': "
                + "it contains a carriage return (CR): remove it",
            "\(file):11:34: error: invalid URL 'http://:80/' for 'infrastructure.services[0].url': it has no host: write "
                + "the host after '://'",
            "env GIBSON_HOOK_CLOUDEVENTS_URL: error: invalid URL 'https://u:********@ce.example/in put?token=********' for "
                + "'sinks.cloudEvents.url': it contains a space: remove it, or write it as %20 where it belongs in the path",
        ]
        #expect(result.stderr == expected.map { $0 + "\n" }.joined())
    }

    @Test func flushRefusesABadURLAndKeepsTheEventPending() throws {
        let sandbox = try TemporaryGitRepository()
        let emitted = try sandbox.gibsonHook(["emit", "--type", "build.done"])
        #expect(emitted.status == 0)
        let flush = try sandbox.gibsonHook(["flush"], extraEnvironment: ["GIBSON_HOOK_KAFKA_REST_URL": "http://127.0.0.1:99999"])
        #expect(flush.status == HookExitCode.usage.rawValue)
        #expect(flush.stdout.isEmpty)
        #expect(flush.stderr.split(separator: "\n").contains(
            "env GIBSON_HOOK_KAFKA_REST_URL: error: invalid URL 'http://127.0.0.1:99999' for 'sinks.kafka.url': port 99999 is above 65535, the largest port"))
        let list = try sandbox.gibsonHook(["outbox", "list", "--json"])
        let rows = try JSONValue.parse(list.stdoutData).arrayValue ?? []
        #expect(rows.count == 1)
        #expect(rows.first?["state"] == "pending")
        #expect(rows.first?["attempts"] == 0)
    }

    @Test func configAndConfigJSONMaskQuerySecrets() throws {
        let sandbox = try TemporaryGitRepository()
        try sandbox.write(".gibson-hook.yml", """
            sinks:
              cloudEvents:
                url: "https://ce.example/in?apikey=s3cr3t&region=eu"
            infrastructure:
              services:
                - {name: api, port: 443, url: "https://api.example/health?access_token=t0k"}

            """)
        let file = sandbox.root.appendingPathComponent(".gibson-hook.yml").path
        let text = try sandbox.gibsonHook(["config"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("sinks.cloudEvents.url = \"https://ce.example/in?apikey=********&region=eu\"  (\(file):3:10)\n"))
        let json = try sandbox.gibsonHook(["config", "--json"])
        let settings = try #require(try JSONValue.parse(json.stdoutData)["settings"])
        #expect(settings["sinks.cloudEvents.url"]?["value"] == "https://ce.example/in?apikey=********&region=eu")
        #expect(settings["infrastructure.services"]?["value"]?.arrayValue?.first?["url"]
            == "https://api.example/health?access_token=********")
        for output in [text.stdout, text.stderr, json.stdout, json.stderr] {
            #expect(!output.contains("s3cr3t") && !output.contains("t0k"))
        }
    }

    @Test func validateNamesAnUnreachableSinkWithItsSecretsMasked() throws {
        let sandbox = try TemporaryGitRepository()
        try sandbox.write(".gibson-hook.yml", """
            gibson:
              probes:
                - {name: true, kind: command, executable: /bin/true}
            infrastructure:
              services: []
            sinks:
              cloudEvents:
                url: "http://127.0.0.1:1/in?apikey=s3cr3t"

            """)
        let result = try sandbox.gibsonHook(["validate"])
        #expect(result.status == HookExitCode.failure.rawValue)
        #expect(result.stderr.split(separator: "\n").contains(
            "gibson-hook: error: [sinks] sink cloudevents at 'http://127.0.0.1:1/in?apikey=********' is unreachable (127.0.0.1:1 "
                + "refused the connection); events wait in the outbox until it is up"))
        #expect(!result.stdout.contains("s3cr3t") && !result.stderr.contains("s3cr3t"))
    }
}
