import Foundation
import GibsonHookCore
import Testing

@Suite struct ConfigCommandTests {
    private func json(_ result: CommandResult) throws -> JSONValue { try JSONValue.parse(result.stdoutData) }

    @Test func withNoConfigurationEveryKeyShowsItsDefault() throws {
        let sandbox = try TemporaryGitRepository()
        let result = try sandbox.gibsonHook(["config"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(result.stdout.contains("# no configuration files: built-in defaults\n"))
        #expect(result.stdout.contains("gibson.command = \"gibson\"  (default)\n"))
        #expect(result.stdout.contains("gibson.restartPolicy = \"on-failure\"  (default)\n"))
        #expect(result.stdout.contains("topics.ai-events.retention = \"90d\"  (default)\n"))
    }

    @Test func jsonShowsValuesOriginsAndMasksSecrets() throws {
        let sandbox = try TemporaryGitRepository()
        try sandbox.write(".gibson-hook.yml", "sinks:\n  kafka:\n    auth:\n      kind: bearer\n      token: t0ps3cret\n")
        let file = sandbox.root.appendingPathComponent(".gibson-hook.yml").path
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        let result = try sandbox.gibsonHook(
            ["config", "--json", "--set", "gibson.timeout=3s"],
            extraEnvironment: ["GIBSON_HOOK_KAFKA_REST_URL": "http://127.0.0.1:8082"])
        #expect(result.status == 0)
        #expect(!result.stdout.contains("t0ps3cret"))
        let flagged = try sandbox.gibsonHook(["config", "--set", "sinks.temporal.auth.token=fl4gs3cret"])
        #expect(flagged.stdout.contains("sinks.temporal.auth.token = \"********\"  (flag --set sinks.temporal.auth.token)\n"))
        #expect(!flagged.stdout.contains("fl4gs3cret"))
        let settings = try #require(try json(result)["settings"])
        #expect(settings["sinks.kafka.auth.token"]?["value"] == "********")
        #expect(settings["sinks.kafka.auth.token"]?["origin"] == .string("\(file):5:14"))
        #expect(settings["sinks.kafka.url"]?["origin"] == "env GIBSON_HOOK_KAFKA_REST_URL")
        #expect(settings["gibson.timeout"]?["value"] == "3s")
        #expect(settings["gibson.timeout"]?["origin"] == "flag --set gibson.timeout")
        #expect(settings["gibson.command"]?["origin"] == "default")
        #expect(try json(result)["files"] == [["path": .string(file), "role": "repository"]])
        // The file is readable by others (0644) and holds a token: a warning, in the JSON.
        #expect(try json(result)["warnings"]?.arrayValue?.count == 1)
    }

    @Test func aReadableSecretWarnsOnStderrButDoesNotFail() throws {
        let sandbox = try TemporaryGitRepository()
        try sandbox.write(".gibson-hook.local.yml", "sinks:\n  temporal:\n    auth: {kind: bearer, token: abc}\n")
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o640], ofItemAtPath: sandbox.root.appendingPathComponent(".gibson-hook.local.yml").path)
        let result = try sandbox.gibsonHook(["config"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("warning: "))
        #expect(result.stderr.contains("readable by group or others: run chmod 600"))
        let check = try sandbox.gibsonHook(["config", "check"])
        #expect(check.status == 0)
        #expect(check.stdout == "configuration is valid (1 warning)\n")
    }

    @Test func checkReportsEveryProblemWithFileLineAndColumn() throws {
        let sandbox = try TemporaryGitRepository()
        try sandbox.write(".gibson-hook.yml", "gibson:\n  timeout: 5 minutes\n  restartPolicy: sometimes\nsinks:\n  kafka:\n    url: kafka:8082\n")
        try sandbox.write(".gibson-hook.local.yml", "hoks: {}\n")
        let repo = sandbox.root.path
        let result = try sandbox.gibsonHook(["config", "check"])
        #expect(result.status == HookExitCode.failure.rawValue)
        #expect(result.stdout == "4 errors, 0 warnings\n")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines == [
            "\(repo)/.gibson-hook.yml:2:12: error: invalid value '5 minutes' for 'gibson.timeout': expected a duration such as 250ms, 30s, 5m, 1h or 7d",
            "\(repo)/.gibson-hook.yml:3:18: error: invalid value 'sometimes' for 'gibson.restartPolicy': expected one of always, on-failure, never",
            "\(repo)/.gibson-hook.yml:6:10: error: invalid URL 'kafka:8082' for 'sinks.kafka.url': it has no scheme: write http:// or https:// before the host",
            "\(repo)/.gibson-hook.local.yml:1:1: error: unknown key 'hoks': did you mean 'hooks'?",
        ])
    }

    @Test func checkJsonListsDiagnostics() throws {
        let sandbox = try TemporaryGitRepository()
        try sandbox.write(".gibson-hook.yml", "outbox:\n  retention: forever\n")
        let result = try sandbox.gibsonHook(["config", "check", "--json"])
        #expect(result.status == 1)
        let report = try json(result)
        #expect(report["ok"] == false)
        #expect(report["errors"] == 1)
        let diagnostic = try #require(report["diagnostics"]?.arrayValue?.first)
        #expect(diagnostic["line"] == 2)
        #expect(diagnostic["column"] == 14)
        #expect(diagnostic["key"] == "outbox.retention")
        #expect(diagnostic["file"] == .string(sandbox.root.appendingPathComponent(".gibson-hook.yml").path))

        let clean = try TemporaryGitRepository()
        let ok = try clean.gibsonHook(["config", "check", "--json"])
        #expect(ok.status == 0)
        #expect(try json(ok)["ok"] == true)
    }

    @Test func invalidConfigurationStopsACommandWithStatusTwo() throws {
        let sandbox = try TemporaryGitRepository()
        try sandbox.write(".gibson-hook.yml", "gibson:\n  maxRetries: lots\n")
        let result = try sandbox.gibsonHook(["config"])
        #expect(result.status == HookExitCode.usage.rawValue)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("invalid configuration (1 error):"))
        #expect(result.stderr.contains(".gibson-hook.yml:2:15: error: invalid value 'lots' for 'gibson.maxRetries'"))
    }

    @Test func configFlagAndVariableNameAnExplicitFile() throws {
        let sandbox = try TemporaryGitRepository()
        try sandbox.write("ci/gibson.yml", "project:\n  id: from-flag\n")
        try sandbox.write("ci/env.yml", "project:\n  id: from-env\n")
        let env = ["GIBSON_HOOK_CONFIG": sandbox.root.appendingPathComponent("ci/env.yml").path]
        let viaEnv = try sandbox.gibsonHook(["config", "--json"], extraEnvironment: env)
        #expect(try json(viaEnv)["settings"]?["project.id"]?["value"] == "from-env")
        let viaFlag = try sandbox.gibsonHook(["config", "--json", "--config", "ci/gibson.yml"], extraEnvironment: env)
        #expect(try json(viaFlag)["settings"]?["project.id"]?["value"] == "from-flag")
        let missing = try sandbox.gibsonHook(["config", "check", "--config", "nope.yml"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("nope.yml' does not exist"))
    }

    @Test func userFileIsReadFromXDGConfigHome() throws {
        let sandbox = try TemporaryGitRepository()
        let userFile = sandbox.home.appendingPathComponent(".config/gibson-hook/config.yml")
        try FileManager.default.createDirectory(at: userFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "gibson:\n  maxRetries: 9\n".write(to: userFile, atomically: true, encoding: .utf8)
        let result = try sandbox.gibsonHook(["config"])
        #expect(result.stdout.contains("gibson.maxRetries = 9  (\(userFile.path):2:15)\n"))
        #expect(result.stdout.contains("# user file: \(userFile.path)\n"))
    }
}
