/// The keys of the configuration file, one schema per section of `Configuration`. Keys are the model's
/// property names; `docs/configuration.md` documents each one.
enum ConfigurationSchema {
    typealias Field<Root> = ObjectSchema<Root>.Field

    /// The whole file.
    static var root: ObjectSchema<Configuration> { ObjectSchema<Configuration>([
        .section("gibson", \.gibson, gibson),
        .section("infrastructure", \.infrastructure, infrastructure),
        .section("sinks", \.sinks, sinks),
        .namedSections(
            "topics", \.topics, topic, seed: TopicSettings(partitions: 1, replication: 1, retention: .days(7)),
            nameProblem: TopicSpec.nameProblem),
        .namedValues("routing", \.routing, .string),
        .value("eventTriggers", \.eventTriggers, .list(of: eventTrigger)),
        .section("workflows", \.workflows, workflows),
        .section("outbox", \.outbox, outbox),
        .section("delivery", \.delivery, delivery),
        .section("hooks", \.hooks, hooks),
        .section("project", \.project, project),
        .section("listen", \.listen, listen),
        .namedSections("actions", \.actions, action, seed: ActionSettings()),
    ]) }

    static var argv: NodeDecoder<[String]> { NodeDecoder<[String]>.list(of: .string) }

    static var gibson: ObjectSchema<GibsonTarget> { ObjectSchema<GibsonTarget>([
        .value("command", \.command, .string),
        .value("autoStart", \.autoStart, .bool),
        .value("restartPolicy", \.restartPolicy, .enumeration),
        .value("maxRetries", \.maxRetries, .int(0...100)),
        .value("healthCheckInterval", \.healthCheckInterval, .duration),
        .value("cacheTTL", \.cacheTTL, .duration),
        .value("revalidate", \.revalidate, .enumeration),
        .value("timeout", \.timeout, .duration),
        .value("probes", \.probes, .list(of: probe)),
        .section("recovery", \.recovery, recovery),
        .section("process", \.process, supervisedProcess),
        .value("stateDirectory", \.stateDirectory, .string),
        .section("backups", \.backups, backups),
        .value("apiKeyEnv", \.apiKeyEnv, .string),
    ]) }

    static var probe: NodeDecoder<ProbeSpec> { ObjectSchema<ProbeSpec>([
        .value("name", \.name, .string),
        .value("kind", \.kind, .enumeration),
        .value("argv", \.argv, argv),
        .optional("executable", \.executable, .string),
        .value("exitCodes", \.exitCodes, .list(of: .exitCode)),
        .optional("expectOutput", \.expectOutput, .string),
        .optional("host", \.host, .host),
        .optional("port", \.port, .port),
        .optional("url", \.url, .url),
        .value("expectStatus", \.expectStatus, .int(100...599)),
        .optional("timeout", \.timeout, .duration),
    ]).decoder(seed: ProbeSpec(name: "", kind: .command), required: ["name", "kind"], expected: "a probe mapping") }

    static var recovery: ObjectSchema<RecoverySettings> { ObjectSchema<RecoverySettings>([
        .optional("restartCommand", \.restartCommand, argv),
        .optional("reinstallCommand", \.reinstallCommand, argv),
        .value("backoff", \.backoff, .duration),
        .value("wait", \.wait, .duration),
        .value("backupState", \.backupState, .bool),
    ]) }

    static var backups: ObjectSchema<BackupSettings> { ObjectSchema<BackupSettings>([
        .value("keep", \.keep, .int(0...10_000)),
        .optional("maxAge", \.maxAge, .positiveDuration),
    ]) }

    static var infrastructure: ObjectSchema<Infrastructure> { ObjectSchema<Infrastructure>([
        .value("services", \.services, .list(of: service)),
        .value("timeout", \.timeout, .duration),
    ]) }

    static var service: NodeDecoder<ServiceSpec> { ObjectSchema<ServiceSpec>([
        .value("name", \.name, .string),
        .value("host", \.host, .host),
        .value("port", \.port, .port),
        .optional("url", \.url, .url),
        .value("expectStatus", \.expectStatus, .int(100...599)),
        .value("required", \.required, .bool),
    ]).decoder(seed: ServiceSpec(name: "", host: "127.0.0.1", port: 1), required: ["name", "port"], expected: "a service mapping") }

    static var auth: ObjectSchema<AuthSettings> { ObjectSchema<AuthSettings>([
        .value("kind", \.kind, .enumeration),
        .optional("token", \.token, .string),
        .optional("tokenEnv", \.tokenEnv, .string),
        .optional("username", \.username, .string),
        .optional("password", \.password, .string),
        .optional("passwordEnv", \.passwordEnv, .string),
    ]) }

    static var tls: ObjectSchema<TLSSettings> { ObjectSchema<TLSSettings>([
        .optional("caFile", \.caFile, .string),
        .optional("certFile", \.certFile, .string),
        .optional("keyFile", \.keyFile, .string),
    ]) }

    static var sinks: ObjectSchema<Sinks> { ObjectSchema<Sinks>([
        .section("kafka", \.kafka, ObjectSchema<KafkaRestSettings>([
            .optional("url", \.url, .baseURL),
            .value("api", \.api, .enumeration),
            .value("format", \.format, .enumeration),
            .optional("clusterId", \.clusterId, .string),
            .value("batchSize", \.batchSize, .int(1...10_000)),
            .section("auth", \.auth, auth),
            .section("tls", \.tls, tls),
            .value("brokers", \.brokers, brokers),
            .value("securityProtocol", \.securityProtocol, .enumeration),
            .section("sasl", \.sasl, ObjectSchema<KafkaRestSettings.SASL>([.value("mechanism", \.mechanism, .enumeration)])),
            .value("mode", \.mode, .enumeration),
            .namedValues("librdkafka", \.librdkafka, .string),
        ])),
        .section("cloudEvents", \.cloudEvents, ObjectSchema<CloudEventsSettings>([
            .optional("url", \.url, .url),
            .value("mode", \.mode, .enumeration),
            .value("batchSize", \.batchSize, .int(1...10_000)),
            .section("auth", \.auth, auth),
            .section("tls", \.tls, tls),
        ])),
        .section("temporal", \.temporal, ObjectSchema<TemporalSettings>([
            .optional("url", \.url, .baseURL),
            .value("namespace", \.namespace, .string),
            .value("taskQueue", \.taskQueue, .string),
            .value("pathPrefix", \.pathPrefix, .string),
            .section("auth", \.auth, auth),
            .section("tls", \.tls, tls),
        ])),
    ]) }

    /// Kafka brokers: a YAML list, or one comma-separated string (`GIBSON_HOOK_KAFKA_BROKERS`).
    static var brokers: NodeDecoder<[String]> {
        let list = NodeDecoder<[String]>.list(of: .string)
        return NodeDecoder<[String]>(expected: "a list of host:port brokers", decode: { node, context, key in
            guard case .scalar(let text, false) = node.value else { return list.decode(node, &context, key) }
            return text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }, render: list.render)
    }

    static var topic: ObjectSchema<TopicSettings> { ObjectSchema<TopicSettings>([
        .value("partitions", \.partitions, .int(1...10_000)),
        .value("replication", \.replication, .int(1...100)),
        .value("retention", \.retention, .positiveDuration),
        .namedValues("configs", \.configs, .string, nameProblem: { $0.isEmpty ? "a topic config needs a name" : nil }),
    ]) }

    static var eventTrigger: NodeDecoder<EventTrigger> { ObjectSchema<EventTrigger>([
        .value("name", \.name, .string),
        .value("event", \.event, .string),
        .optional("filter", \.filter, .scalar(
            expected: "a list of key=value|value conditions", render: { .string($0) },
            parse: { EventTriggerPlan.conditions(of: $0) == nil ? nil : $0 })),
        .optional("topic", \.topic, .string),
        .value("action", \.action, .triggerAction),
    ]).decoder(
        seed: EventTrigger(name: "", event: "", action: ""), required: ["name", "event", "action"],
        expected: "an event trigger mapping") }

    static var workflow: ObjectSchema<WorkflowSettings> { ObjectSchema<WorkflowSettings>([
        .value("workflowType", \.workflowType, .string),
        .optional("taskQueue", \.taskQueue, .string),
        .value("executionTimeout", \.executionTimeout, .duration),
        .value("enabled", \.enabled, .bool),
    ]) }

    static var workflows: ObjectSchema<Workflows> { ObjectSchema<Workflows>([
        .section("activation", \.activation, workflow),
        .section("recovery", \.recovery, workflow),
        .section("scaling", \.scaling, workflow),
    ]) }

    static var outbox: ObjectSchema<OutboxSettings> { ObjectSchema<OutboxSettings>([
        .optional("path", \.path, .string),
        .value("retention", \.retention, .duration),
        .value("maxAttempts", \.maxAttempts, .int(1...1_000)),
    ]) }

    static var delivery: ObjectSchema<DeliverySettings> { ObjectSchema<DeliverySettings>([
        .value("deadline", \.deadline, .duration),
        .value("connectTimeout", \.connectTimeout, .duration),
        .value("requestTimeout", \.requestTimeout, .duration),
        .value("backoffBase", \.backoffBase, .duration),
        .value("backoffCap", \.backoffCap, .duration),
        .value("breakerFailureThreshold", \.breakerFailureThreshold, .int(1...1_000)),
        .value("breakerRecoveryTimeout", \.breakerRecoveryTimeout, .duration),
    ]) }

    static var hooks: ObjectSchema<HookSettings> { ObjectSchema<HookSettings>([
        .section("preCommit", \.preCommit, ObjectSchema<PreCommitSettings>([
            .value("enabled", \.enabled, .bool),
            .value("timeout", \.timeout, .duration),
        ])),
        .value("postCommitActions", \.postCommitActions, .list(of: argv)),
        .value("backgroundDelivery", \.backgroundDelivery, .bool),
        .value("prePushHealthGate", \.prePushHealthGate, .bool),
    ]) }

    static var project: ObjectSchema<ProjectSettings> { ObjectSchema<ProjectSettings>([
        .optional("id", \.id, .string),
        .value("partitionKey", \.partitionKey, .oneOf(["repository", "project", "branch", "none"])),
        .optional("source", \.source, .string),
    ]) }
}
