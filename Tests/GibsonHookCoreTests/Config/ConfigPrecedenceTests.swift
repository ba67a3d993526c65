import Foundation
import Testing
@testable import GibsonHookCore

@Suite struct ConfigPrecedenceTests {
    @Test func noConfigurationAtAllIsTheEmbeddedDefault() throws {
        let sandbox = try ConfigSandbox()
        let loaded = try sandbox.load()
        #expect(loaded.configuration == Configuration())
        #expect(loaded.origins.isEmpty)
        #expect(loaded.files.isEmpty)
        #expect(loaded.origin(of: "gibson.command") == .defaultValue)
    }

    @Test func everySourceWinsOverTheOneBefore() throws {
        let sandbox = try ConfigSandbox()
        try sandbox.write("sinks:\n  temporal:\n    namespace: user\n    taskQueue: user-q\n    pathPrefix: /user\n  cloudEvents:\n    mode: binary\n", to: sandbox.userFile)
        try sandbox.write("sinks:\n  temporal:\n    namespace: repo\n    taskQueue: repo-q\n    pathPrefix: /repo\n", to: sandbox.repositoryFile)
        try sandbox.write("sinks:\n  temporal:\n    namespace: local\n    taskQueue: local-q\n", to: sandbox.localFile)
        sandbox.environment["GIBSON_HOOK_TEMPORAL_NAMESPACE"] = "env"
        let loaded = try sandbox.load(ConfigOverrides(assignments: ["sinks.temporal.namespace=flag"]))
        let temporal = loaded.configuration.sinks.temporal
        #expect(temporal.namespace == "flag")
        #expect(temporal.taskQueue == "local-q")
        #expect(temporal.pathPrefix == "/repo")
        #expect(loaded.configuration.sinks.cloudEvents.mode == .binary)
        #expect(loaded.origin(of: "sinks.temporal.namespace") == .flag("--set sinks.temporal.namespace"))
        #expect(loaded.origin(of: "sinks.temporal.taskQueue") == .file(path: sandbox.localFile.path, line: 4, column: 16))
        #expect(loaded.origin(of: "sinks.temporal.pathPrefix") == .file(path: sandbox.repositoryFile.path, line: 5, column: 17))
        #expect(loaded.origin(of: "sinks.cloudEvents.mode").path == sandbox.userFile.path)
        #expect(loaded.files.map(\.role) == [.user, .repository, .local])
    }

    @Test func environmentWinsOverFilesAndFlagsOverEnvironment() throws {
        let sandbox = try ConfigSandbox()
        try sandbox.write("gibson:\n  command: /from/file\n", to: sandbox.repositoryFile)
        sandbox.environment["GIBSON_HOOK_GIBSON"] = "/from/env"
        #expect(try sandbox.load().configuration.gibson.command == "/from/env")
        #expect(try sandbox.load().origin(of: "gibson.command") == .environment("GIBSON_HOOK_GIBSON"))
        let flagged = try sandbox.load(ConfigOverrides(values: ["gibson.command": "/from/flag"]))
        #expect(flagged.configuration.gibson.command == "/from/flag")
    }

    @Test func everyDocumentedVariableSetsItsKey() throws {
        let sandbox = try ConfigSandbox()
        sandbox.environment.merge([
            "GIBSON_HOOK_GIBSON": "/opt/gibson", "GIBSON_HOOK_KAFKA_REST_URL": "http://kafka:8082",
            "GIBSON_HOOK_KAFKA_REST_API": "v3", "GIBSON_HOOK_CLOUDEVENTS_URL": "https://ce.example/in",
            "GIBSON_HOOK_TEMPORAL_URL": "http://temporal:7243", "GIBSON_HOOK_TEMPORAL_NAMESPACE": "ns",
            "GIBSON_HOOK_TEMPORAL_TASK_QUEUE": "queue", "GIBSONAI_PROJECT": "proj-1",
        ]) { _, new in new }
        let configuration = try sandbox.load().configuration
        #expect(configuration.gibson.command == "/opt/gibson")
        #expect(configuration.sinks.kafka.url == "http://kafka:8082")
        #expect(configuration.sinks.kafka.api == .v3)
        #expect(configuration.sinks.cloudEvents.url == "https://ce.example/in")
        #expect(configuration.sinks.temporal.url == "http://temporal:7243")
        #expect(configuration.sinks.temporal.namespace == "ns")
        #expect(configuration.sinks.temporal.taskQueue == "queue")
        #expect(configuration.project.id == "proj-1")
    }

    @Test func nativeKafkaBrokersComeFromAListOrACommaSeparatedVariable() throws {
        let sandbox = try ConfigSandbox()
        try sandbox.write("""
            sinks:
              kafka:
                brokers: [kafka-1:9092, kafka-2:9092]
                securityProtocol: sasl_ssl
                sasl: {mechanism: SCRAM-SHA-256}
                mode: structured
                librdkafka: {linger.ms: "20"}
            """, to: sandbox.userFile)
        let fromFile = try sandbox.load().configuration.sinks.kafka
        #expect(fromFile.brokers == ["kafka-1:9092", "kafka-2:9092"])
        #expect((fromFile.securityProtocol, fromFile.sasl.mechanism, fromFile.mode) == (.sasl_ssl, .scramSHA256, .structured))
        #expect(fromFile.librdkafka == ["linger.ms": "20"])
        sandbox.environment["GIBSON_HOOK_KAFKA_BROKERS"] = " a:9092, b:9093 ,"
        #expect(try sandbox.load().configuration.sinks.kafka.brokers == ["a:9092", "b:9093"])
    }

    @Test func explicitFileTakesThePlaceOfTheUserFile() throws {
        let sandbox = try ConfigSandbox()
        try sandbox.write("gibson:\n  maxRetries: 1\n  cacheTTL: 1m\n", to: sandbox.userFile)
        let explicit = try sandbox.write("gibson:\n  maxRetries: 7\n", to: sandbox.base.appendingPathComponent("ci.yml"))
        let flagFile = try sandbox.write("gibson:\n  maxRetries: 9\n", to: sandbox.base.appendingPathComponent("flag.yml"))
        sandbox.environment["GIBSON_HOOK_CONFIG"] = explicit.path
        let loaded = try sandbox.load()
        #expect(loaded.configuration.gibson.maxRetries == 7)
        #expect(loaded.configuration.gibson.cacheTTL == .minutes(5))  // The user file is not read.
        #expect(loaded.files.map(\.role) == [.explicit])
        #expect(try sandbox.load(ConfigOverrides(configFile: flagFile.path)).configuration.gibson.maxRetries == 9)
        try sandbox.write("gibson:\n  maxRetries: 2\n", to: sandbox.repositoryFile)
        #expect(try sandbox.load().configuration.gibson.maxRetries == 2)  // Repository files still apply on top.
    }

    @Test func xdgConfigHomeLocatesTheUserFile() throws {
        let sandbox = try ConfigSandbox()
        let xdg = sandbox.base.appendingPathComponent("xdg")
        try sandbox.write("project:\n  id: from-xdg\n", to: xdg.appendingPathComponent("gibson-hook/config.yml"))
        try sandbox.write("project:\n  id: from-home\n", to: sandbox.userFile)
        sandbox.environment["XDG_CONFIG_HOME"] = xdg.path
        #expect(try sandbox.load().configuration.project.id == "from-xdg")
    }

    @Test func repositoryFilesAreFoundFromASubdirectoryAndFromGitWorkTree() throws {
        let sandbox = try ConfigSandbox()
        try sandbox.write("project:\n  id: repo\n", to: sandbox.repositoryFile)
        let nested = sandbox.repository.appendingPathComponent("a/b")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        #expect(try sandbox.loader(in: nested).load().configuration.project.id == "repo")

        let outside = sandbox.base.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        #expect(try sandbox.loader(in: outside).load().configuration.project.id == nil)
        sandbox.environment["GIT_WORK_TREE"] = sandbox.repository.path
        #expect(try sandbox.loader(in: outside).load().configuration.project.id == "repo")
    }

    @Test func linkedWorktreeWithGitFileIsARepository() throws {
        let sandbox = try ConfigSandbox()
        let worktree = sandbox.base.appendingPathComponent("wt")
        try sandbox.write("gitdir: /somewhere/.git/worktrees/wt\n", to: worktree.appendingPathComponent(".git"))
        try sandbox.write("project:\n  id: worktree\n", to: worktree.appendingPathComponent(".gibson-hook.yml"))
        #expect(try sandbox.loader(in: worktree).load().configuration.project.id == "worktree")
    }

    @Test func listsAreReplacedAndNamedSectionsMerge() throws {
        let sandbox = try ConfigSandbox()
        try sandbox.write("""
            gibson:
              probes:
                - {name: port, kind: tcp, host: 127.0.0.1, port: 9}
            topics:
              gibson-events: {partitions: 6}
              audit-events: {retention: 1d}
            routing:
              commit: audit-events
            hooks:
              postCommitActions:
                - [gibson, build, datastore]
            """, to: sandbox.repositoryFile)
        let configuration = try sandbox.load().configuration
        #expect(configuration.gibson.probes == [ProbeSpec(name: "port", kind: .tcp, host: "127.0.0.1", port: 9)])
        #expect(configuration.topics["gibson-events"] == TopicSettings(partitions: 6, replication: 2, retention: .days(7)))
        #expect(configuration.topics["audit-events"] == TopicSettings(partitions: 1, replication: 1, retention: .days(1)))
        #expect(configuration.topics["ai-events"] == TopicSettings.designDefaults["ai-events"])
        #expect(configuration.routing["commit"] == "audit-events")
        #expect(configuration.routing["gibson"] == "gibson-events")
        #expect(configuration.hooks.postCommitActions == [["gibson", "build", "datastore"]])
    }

    @Test func setAcceptsYAMLListsAndNullClearsOptionalValues() throws {
        let sandbox = try ConfigSandbox()
        try sandbox.write("outbox:\n  path: /tmp/x.sqlite3\n", to: sandbox.repositoryFile)
        let loaded = try sandbox.load(ConfigOverrides(assignments: [
            "hooks.postCommitActions=[[echo, one], [echo, two]]", "outbox.path=~",
        ]))
        #expect(loaded.configuration.hooks.postCommitActions == [["echo", "one"], ["echo", "two"]])
        // A plain `--set` value is a string, so `~` is the literal path `~`, not YAML null.
        #expect(loaded.configuration.outbox.path == "~")
        try sandbox.write("outbox:\n  path: ~\n", to: sandbox.localFile)
        #expect(try sandbox.load().configuration.outbox.path == nil)
    }
}
