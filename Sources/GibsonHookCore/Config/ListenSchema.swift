/// The keys of the `listen` and `actions` sections (see `ListenSettings`, `ActionSettings`).
extension ConfigurationSchema {
    static var listen: ObjectSchema<ListenSettings> { ObjectSchema<ListenSettings>([
        .section("webhook", \.webhook, ObjectSchema<WebhookListenSettings>([
            .optional("address", \.address, .listenAddress),
            .optional("token", \.token, .string),
            .optional("tokenEnv", \.tokenEnv, .string),
            .value("allowedOrigins", \.allowedOrigins, .list(of: .string)),
            .value("queueLimit", \.queueLimit, .int(1...100_000)),
            .value("maxBodyBytes", \.maxBodyBytes, .int(1...(64 << 20))),
            .value("readTimeout", \.readTimeout, .duration),
        ])),
        .section("kafka", \.kafka, ObjectSchema<KafkaListenSettings>([
            .value("topics", \.topics, .list(of: .string)),
            .value("group", \.group, .string),
        ])),
        .section("docker", \.docker, ObjectSchema<DockerListenSettings>([
            .optional("socket", \.socket, .string),
            .value("actions", \.actions, .list(of: .string)),
            .value("pollInterval", \.pollInterval, .duration),
        ])),
        .section("temporal", \.temporal, ObjectSchema<TemporalListenSettings>([
            .value("workflowTypes", \.workflowTypes, .list(of: .string)),
            .value("pollInterval", \.pollInterval, .duration),
        ])),
    ]) }

    static var action: ObjectSchema<ActionSettings> { ObjectSchema<ActionSettings>([
        .value("command", \.command, argv),
        .value("timeout", \.timeout, .duration),
    ]) }
}

extension NodeDecoder where T == String {
    /// A trigger action's spelling; what it names is checked by `ListenValidation`, which reports at the
    /// place kept here.
    static var triggerAction: NodeDecoder {
        let spelling = NodeDecoder.scalar(
            expected: "gibson:<workflow or action>, workflow:<type>, run:<action> or emit:<topic>", render: { .string($0) },
            parse: { EventTriggerPlan.isActionSpelling($0) ? $0 : nil })
        return NodeDecoder(expected: spelling.expected, decode: { node, context, key in
            context.laterChecked[key] = node.origin
            return spelling.decode(node, &context, key)
        }, render: spelling.render)
    }

    /// `HOST:PORT` with an IPv4 host, or a bare port.
    static var listenAddress: NodeDecoder {
        NodeDecoder.scalar(expected: "HOST:PORT (IPv4) or a port", render: { .string($0) }, parse: { text in
            WebhookAddress(text) == nil ? nil : text
        })
    }
}
