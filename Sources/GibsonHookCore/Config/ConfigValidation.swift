/// Checks that need more than one key: a probe of kind `tcp` needs a host and a port, bearer auth needs a
/// token, a client certificate needs its key, a topic's `retention.ms` config must be one Kafka accepts. Runs once on the effective configuration.
enum ConfigValidation {
    static func validate(_ configuration: Configuration, context: inout DecodeContext) {
        for (index, probe) in configuration.gibson.probes.enumerated() {
            let key = "gibson.probes[\(index)]"
            switch probe.kind {
            case .tcp where probe.host == nil || probe.port == nil:
                report("probe '\(probe.name)' of kind tcp needs 'host' and 'port'", key: key, origin: "gibson.probes", &context)
            case .http where probe.url == nil:
                report("probe '\(probe.name)' of kind http needs 'url'", key: key, origin: "gibson.probes", &context)
            default: break
            }
        }
        for kind in SinkRegistry.kinds {
            let (prefix, auth, tls) = (kind.key, kind.auth(configuration.sinks), kind.tls(configuration.sinks))
            validate(auth, prefix: prefix + ".auth", &context)
            if (tls.certFile == nil) != (tls.keyFile == nil) {
                report("'\(prefix).tls' needs both 'certFile' and 'keyFile' for mutual TLS", key: prefix + ".tls",
                       origin: tls.certFile == nil ? prefix + ".tls.keyFile" : prefix + ".tls.certFile", &context)
            }
        }
        let kafka = configuration.sinks.kafka
        if !kafka.brokers.isEmpty, let url = kafka.url, !url.isEmpty {
            report("'sinks.kafka.brokers' and 'sinks.kafka.url' are both set: remove 'sinks.kafka.url' to produce "
                   + "natively through librdkafka, or 'sinks.kafka.brokers' to use the REST proxy",
                   key: "sinks.kafka.brokers", origin: "sinks.kafka.brokers", &context)
        }
        let malformed = kafka.brokers.filter { KafkaBrokerAddress($0) == nil }
        if !malformed.isEmpty {
            report("'sinks.kafka.brokers' has \(malformed.map { "'\($0)'" }.joined(separator: ", ")), not host:port with a "
                   + "port 1-65535: write each broker as host:port, for example kafka-1:9092",
                   key: "sinks.kafka.brokers", origin: "sinks.kafka.brokers", &context)
        }
        for (name, topic) in configuration.topics.sorted(by: { $0.key < $1.key }) {
            guard let value = topic.configs["retention.ms"], let problem = TopicSpec.retentionProblem(value) else { continue }
            let key = "topics.\(name).configs.retention.ms"
            report("invalid value '\(ConfigQuote.text(value))' for '\(key)': \(problem)", key: key, origin: key, &context)
        }
        ListenValidation.validate(configuration, context: &context)
        for (family, topic) in configuration.routing where topic.isEmpty {
            report("'routing.\(family)' names no topic", key: "routing.\(family)", origin: "routing.\(family)", &context)
        }
    }

    private static func validate(_ auth: AuthSettings, prefix: String, _ context: inout DecodeContext) {
        switch auth.kind {
        case .bearer where auth.token == nil && auth.tokenEnv == nil:
            report("'\(prefix)' of kind bearer needs 'token' or 'tokenEnv'", key: prefix, origin: prefix + ".kind", &context)
        case .basic where auth.username == nil || (auth.password == nil && auth.passwordEnv == nil):
            report("'\(prefix)' of kind basic needs 'username' and 'password' or 'passwordEnv'", key: prefix,
                   origin: prefix + ".kind", &context)
        default: break
        }
    }

    private static func report(_ message: String, key: String, origin: String, _ context: inout DecodeContext) {
        // A value already reported as invalid (an unset ${VAR} token, say) is not reported twice.
        guard !context.diagnostics.contains(where: { $0.severity == .error && ($0.key ?? "").hasPrefix(key) }) else { return }
        let place = context.origins[origin] ?? context.origins.first { $0.key.hasPrefix(origin) }?.value ?? .defaultValue
        context.error(message, at: place, key: key)
    }
}
