import Foundation
import Testing
@testable import GibsonHookCore

@Suite struct ConfigDiagnosticsTests {
    /// The single error from checking a repository file holding `yaml`.
    private func onlyError(_ yaml: String, environment: [String: String] = [:]) throws -> ConfigDiagnostic {
        let sandbox = try ConfigSandbox()
        sandbox.environment.merge(environment) { _, new in new }
        try sandbox.write(yaml, to: sandbox.repositoryFile)
        let errors = sandbox.check().filter { $0.severity == .error }
        try #require(errors.count == 1, "\(errors)")
        #expect(errors[0].origin?.path == sandbox.repositoryFile.path)
        return errors[0]
    }

    @Test func unknownKeySuggestsTheClosestKnownKey() throws {
        let error = try onlyError("gibson:\n  restart_policy: always\n")
        #expect(error.message == "unknown key 'gibson.restart_policy': did you mean 'gibson.restartPolicy'?")
        #expect(error.origin?.line == 2)
        #expect(error.origin?.column == 3)
        let typo = try onlyError("sinks:\n  kafak:\n    url: http://x\n")
        #expect(typo.message.contains("did you mean 'sinks.kafka'?"))
        let unrelated = try onlyError("zzzzzzzz: 1\n")
        #expect(unrelated.message.contains("known keys here are gibson, infrastructure"))
    }

    @Test func wrongTypesAreReportedWithTheirPosition() throws {
        let mapping = try onlyError("gibson:\n  command:\n    path: /x\n")
        #expect(mapping.message == "'gibson.command' must be a string, not a mapping")
        #expect(mapping.origin?.line == 3)
        let notAList = try onlyError("hooks:\n  postCommitActions: gibson build\n")
        #expect(notAList.message.contains("'hooks.postCommitActions' must be a list of a list of a string, not a scalar"))
        let notANumber = try onlyError("delivery:\n  breakerFailureThreshold: many\n")
        #expect(notANumber.message == "invalid value 'many' for 'delivery.breakerFailureThreshold': expected a whole number from 1 to 1000")
        #expect(notANumber.origin?.column == 28)
        let notABool = try onlyError("hooks:\n  backgroundDelivery: perhaps\n")
        #expect(notABool.message.contains("expected true or false"))
    }

    @Test func badDurationNamesTheValueAndTheExpectedForm() throws {
        let error = try onlyError("hooks:\n  preCommit:\n    timeout: 5 minutes\n")
        #expect(error.message == "invalid value '5 minutes' for 'hooks.preCommit.timeout': expected a duration such as 250ms, 30s, 5m, 1h or 7d")
        #expect(error.origin == .file(path: error.origin!.path!, line: 3, column: 14))
    }

    @Test func invalidURLsAreRejected() throws {
        let reasons = [
            "kafka:8082": "it has no scheme: write http:// or https:// before the host",
            "ftp://host/x": "scheme 'ftp' is not supported: use http:// or https://",
            "http://": "it has no host: write the host after '://'",
            "not a url": "it contains a space: remove it, or write it as %20 where it belongs in the path",
        ]
        for (url, reason) in reasons {
            let error = try onlyError("sinks:\n  kafka:\n    url: \"\(url)\"\n")
            #expect(error.key == "sinks.kafka.url")
            #expect(error.message == "invalid URL '\(url)' for 'sinks.kafka.url': \(reason)")
        }
    }

    @Test func invalidEnumValuesListTheChoices() throws {
        let policy = try onlyError("gibson:\n  restartPolicy: sometimes\n")
        #expect(policy.message == "invalid value 'sometimes' for 'gibson.restartPolicy': expected one of always, on-failure, never")
        let mode = try onlyError("sinks:\n  cloudEvents:\n    mode: batched\n")
        #expect(mode.message.contains("expected one of structured, binary, batch"))
        let action = try onlyError("eventTriggers:\n  - {name: t, event: 'health:check', action: 'reboot'}\n")
        #expect(action.message.contains("'eventTriggers[0].action'"))
    }

    @Test func yamlSyntaxErrorsCarryLineAndColumn() throws {
        let error = try onlyError("gibson:\n  command: gibson\n   timeout: [1s\n")
        #expect(error.message.hasPrefix("YAML syntax error"))
        #expect(error.origin?.line == 3)
    }

    @Test func unreadableAndMissingFilesAreErrors() throws {
        let sandbox = try ConfigSandbox()
        // A directory where the file should be cannot be read, even by root.
        try FileManager.default.createDirectory(at: sandbox.repositoryFile, withIntermediateDirectories: true)
        sandbox.environment["GIBSON_HOOK_CONFIG"] = sandbox.base.appendingPathComponent("missing.yml").path
        let errors = sandbox.check()
        #expect(errors.count == 2)
        #expect(errors[0].message.contains("missing.yml' does not exist"))
        #expect(errors[1].message.hasPrefix("cannot read configuration file '\(sandbox.repositoryFile.path)'"))
    }

    @Test func variablesExpandWithDefaultsAndUnsetOnesAreErrors() throws {
        let sandbox = try ConfigSandbox()
        sandbox.environment["KAFKA_HOST"] = "kafka.internal"
        try sandbox.write("""
            sinks:
              kafka:
                url: http://${KAFKA_HOST}:${KAFKA_PORT:-8082}
              temporal:
                namespace: cost-$$5
            """, to: sandbox.repositoryFile)
        let configuration = try sandbox.load().configuration
        #expect(configuration.sinks.kafka.url == "http://kafka.internal:8082")
        #expect(configuration.sinks.temporal.namespace == "cost-$5")

        let error = try onlyError("project:\n  id: ${GIBSON_TEST_UNSET_VARIABLE}\n")
        #expect(error.message == "variable 'GIBSON_TEST_UNSET_VARIABLE' is not set: export it or write ${GIBSON_TEST_UNSET_VARIABLE:-default} in 'project.id'")
        // The bearer token that failed to expand is not reported a second time as missing.
        let token = try onlyError("sinks:\n  kafka:\n    auth: {kind: bearer, token: '${GIBSON_TEST_UNSET_TOKEN}'}\n")
        #expect(token.key == "sinks.kafka.auth.token")
        let malformed = try onlyError("project:\n  id: ${OPEN\n")
        #expect(malformed.message.contains("malformed variable reference"))
    }

    @Test func aSecretInAFileOthersCanReadIsAWarning() throws {
        let sandbox = try ConfigSandbox()
        try sandbox.write("sinks:\n  kafka:\n    auth:\n      kind: bearer\n      token: s3cret\n", to: sandbox.repositoryFile, mode: 0o644)
        let loaded = try sandbox.load()
        #expect(loaded.configuration.sinks.kafka.auth.token == "s3cret")
        #expect(loaded.warnings.count == 1)
        #expect(loaded.warnings.first?.severity == .warning)
        #expect(loaded.warnings.first?.message.contains("readable by group or others: run chmod 600") == true)
        #expect(loaded.warnings.first?.origin?.line == 5)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: sandbox.repositoryFile.path)
        #expect(try sandbox.load().warnings.isEmpty)
    }

    @Test func invalidEnvironmentAndFlagValuesNameTheirSource() throws {
        let sandbox = try ConfigSandbox()
        sandbox.environment["GIBSON_HOOK_KAFKA_REST_API"] = "v9"
        let diagnostics = sandbox.check(ConfigOverrides(assignments: ["gibson.timeout=soon", "no-equals-sign", "gibson.nope=1"]))
        #expect(diagnostics.map(\.origin) == [
            .environment("GIBSON_HOOK_KAFKA_REST_API"), .flag("--set gibson.timeout"), .flag("--set no-equals-sign"),
            .flag("--set gibson.nope"),
        ])
        #expect(diagnostics[0].description == "env GIBSON_HOOK_KAFKA_REST_API: error: invalid value 'v9' for 'sinks.kafka.api': expected one of v2, v3, redpanda")
        #expect(diagnostics[2].message.contains("must be written key=value"))
    }

    @Test func crossFieldRulesAreChecked() throws {
        let sandbox = try ConfigSandbox()
        try sandbox.write("""
            gibson:
              probes:
                - {name: db, kind: tcp, host: localhost}
            sinks:
              temporal:
                auth: {kind: basic, username: u}
                tls: {certFile: /c.pem}
            """, to: sandbox.repositoryFile)
        let messages = sandbox.check().map(\.message)
        #expect(messages == [
            "probe 'db' of kind tcp needs 'host' and 'port'",
            "'sinks.temporal.auth' of kind basic needs 'username' and 'password' or 'passwordEnv'",
            "'sinks.temporal.tls' needs both 'certFile' and 'keyFile' for mutual TLS",
        ])
    }

    @Test func everyProblemInEverySourceIsReportedAtOnce() throws {
        let sandbox = try ConfigSandbox()
        try sandbox.write("gibson:\n  timeout: 5 minutes\n  maxRetries: -1\n", to: sandbox.userFile)
        try sandbox.write("sinks:\n  kafka:\n    url: nowhere\n    api: v4\nbogus: 1\n", to: sandbox.repositoryFile)
        try sandbox.write("outbox: [1]\n", to: sandbox.localFile)
        let diagnostics = sandbox.check()
        #expect(diagnostics.count == 6)
        #expect(diagnostics.map { $0.origin?.path } == [
            sandbox.userFile.path, sandbox.userFile.path, sandbox.repositoryFile.path, sandbox.repositoryFile.path,
            sandbox.repositoryFile.path, sandbox.localFile.path,
        ])
        #expect(throws: ConfigError.invalid(diagnostics)) { try sandbox.load() }
        let description = ConfigError.invalid(diagnostics).description
        #expect(description.hasPrefix("invalid configuration (6 errors):\n"))
        #expect(description.contains("\(sandbox.repositoryFile.path):5:1: error: unknown key 'bogus'"))
    }

    @Test func missingRequiredKeysInListItemsAreErrors() throws {
        let error = try onlyError("infrastructure:\n  services:\n    - {name: db}\n")
        #expect(error.message == "'infrastructure.services[0]' is missing 'port'")
    }
}
