import ArgumentParser
import GibsonHookCore

/// `gibson-hook topics check|apply`: the configured Kafka topics against the cluster's.
struct TopicsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topics", abstract: "Compare or create the configured Kafka topics (topics.<name>).",
        discussion: """
            Uses librdkafka's Admin API when sinks.kafka.brokers is set, else a Confluent REST proxy's API v3 \
            (sinks.kafka.url with sinks.kafka.api v3). Each topic has its partitions, its replication (capped by \
            the cluster's broker count, with a warning) and its configs: retention as retention.ms, plus \
            topics.<name>.configs. Nothing is ever deleted or shrunk, and configs the configuration does not name \
            are left alone. Exit status: 0 every topic exists as configured; 1 drift (missing topics, fewer \
            partitions or replicas, other configs) or a change the cluster refused; 2 no Kafka that can \
            administer topics is configured, or librdkafka refused a property; 5 the cluster or the proxy did not answer; 70 librdkafka is missing \
            or too old (topics need 2.0, config changes 2.2).
            """,
        subcommands: [TopicsCheckCommand.self, TopicsApplyCommand.self])
}

/// `topics check`: reports drift, changes nothing.
struct TopicsCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Compare the configured topics with the cluster's; exit 1 on drift.")

    @Flag(help: "Print the report as JSON.") var json = false
    @OptionGroup var config: ConfigOptions

    func run() throws {
        let env = CommandEnvironment.current()
        let report = try env.gibsonHook(config.overrides).checkTopics()
        TopicsOutput.present(report, json: json, env)
        if !report.inSync {
            if !json { env.hint("`gibson-hook topics apply` creates missing topics; `--fix` also adds partitions and sets configs") }
            throw ExitCode(HookExitCode.failure)
        }
    }
}

/// `topics apply [--fix]`: creates what is missing; with `--fix`, fixes what can be fixed.
struct TopicsApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply", abstract: "Create the missing topics; with --fix, add partitions and set configs.",
        discussion: "Idempotent: a second run changes nothing. Exits 1 when drift remains or the cluster refused a change.")

    @Flag(help: "Also add partitions to topics with fewer than configured and set configs that differ.") var fix = false
    @Flag(help: "Print the report as JSON.") var json = false
    @OptionGroup var config: ConfigOptions

    func run() throws {
        let env = CommandEnvironment.current()
        let report = try env.gibsonHook(config.overrides).applyTopics(fix: fix)
        TopicsOutput.present(report, json: json, env)
        if !report.inSync {
            if !json, !fix, report.topics.contains(where: { $0.remaining.contains { $0.fixable } }) {
                env.hint("`gibson-hook topics apply --fix` adds partitions and sets configs")
            }
            throw ExitCode(HookExitCode.failure)
        }
    }
}

/// The report for people (one line per topic on stdout, warnings and errors on stderr) or as JSON.
enum TopicsOutput {
    static func present(_ report: TopicReport, json: Bool, _ env: CommandEnvironment) {
        if json {
            env.json(report.json)
            return
        }
        for topic in report.topics {
            let name = topic.entry.spec.name
            for warning in topic.entry.warnings { env.warning("topic '\(name)' \(warning)") }
            for error in topic.errors { env.error("topic '\(name)': \(error)") }
            // What was done, else the state; then the drift left.
            let done = topic.actions.isEmpty ? [topic.state] : topic.actions
            env.stdout.write("\(name): " + (done + topic.remaining.map(\.description)).joined(separator: "; ") + "\n")
        }
        env.stdout.write(report.inSync ? "topics in sync (\(report.via))\n" : "topics differ from the configuration (\(report.via))\n")
    }
}
