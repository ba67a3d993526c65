import Foundation

/// Checks of the configuration itself and of sink reachability, for `validate`.
enum ConfigurationAudit {
    /// Values that cannot work, all of them at once. Only what the loader lets through is checked here: it
    /// already rejects negative retries, out-of-range ports, non-http URLs and tcp/http probes without a target.
    static func findings(_ configuration: Configuration) -> [ValidationFinding] {
        var problems: [String] = []
        let gibson = configuration.gibson
        if gibson.probes.isEmpty { problems.append("gibson.probes is empty: add at least one probe (e.g. 'help')") }
        if gibson.timeout.seconds <= 0 { problems.append("gibson.timeout must be longer than 0s") }
        if gibson.recovery.restartCommand?.isEmpty == true { problems.append("recovery.restartCommand is an empty argv list") }
        if gibson.process.command?.isEmpty == true { problems.append("process.command is an empty argv list") }
        var findings = problems.map { ValidationFinding(severity: .error, area: "config", message: $0) }
        if configuration.gibson.recovery.wait > configuration.hooks.preCommit.timeout {
            findings.append(ValidationFinding(
                severity: .warning, area: "config",
                message: "recovery.wait (\(configuration.gibson.recovery.wait)) is longer than hooks.preCommit.timeout (\(configuration.hooks.preCommit.timeout)): the gate stops first"))
        }
        return findings
    }

    /// A finding for every configured sink that does not accept a TCP connection.
    static func sinkFindings(_ configuration: Configuration, timeout: Double) -> [ValidationFinding] {
        sinkURLs(configuration).compactMap { name, url in
            if url.hasPrefix("kafka://") {
                return brokerFinding(name: name, brokers: configuration.sinks.kafka.brokers, timeout: timeout)
            }
            guard let components = URLComponents(string: url), let host = components.host else { return nil }
            let port = components.port ?? (components.scheme == "https" ? 443 : 80)
            let result = NetworkProbe.tcp(name: name, host: host, port: port, timeout: timeout)
            return result.healthy ? nil : ValidationFinding(
                severity: .error, area: "sinks",
                message: "sink \(name) at '\(ConfigSecrets.maskURL(url))' is unreachable (\(result.detail)); events wait in the outbox until it is up")
        }
    }

    /// The native Kafka sink's brokers, each probed by TCP: all reachable is fine; some down is a warning (the
    /// producer bootstraps from the others); all down, or an entry that is not host:port, is an error.
    static func brokerFinding(name: String, brokers: [String], timeout: Double) -> ValidationFinding? {
        var malformed: [String] = []
        var down: [String] = []
        for broker in brokers {
            guard let address = KafkaBrokerAddress(broker) else {
                malformed.append(broker)
                continue
            }
            let result = NetworkProbe.tcp(name: name, host: address.host, port: address.port, timeout: timeout)
            if !result.healthy { down.append("\(broker) (\(result.detail))") }
        }
        let hint = "check sinks.kafka.brokers / GIBSON_HOOK_KAFKA_BROKERS"
        if !malformed.isEmpty {
            return ValidationFinding(
                severity: .error, area: "sinks",
                message: "sink \(name): broker \(malformed.map { "'\($0)'" }.joined(separator: ", ")) is not host:port with a port 1-65535; \(hint)")
        }
        if down.isEmpty { return nil }
        if down.count == brokers.count {
            return ValidationFinding(
                severity: .error, area: "sinks",
                message: "sink \(name): no broker is reachable: \(down.joined(separator: ", ")); events wait in the outbox until one is up; \(hint)")
        }
        return ValidationFinding(
            severity: .warning, area: "sinks",
            message: "sink \(name): \(down.count) of \(brokers.count) brokers unreachable: \(down.joined(separator: ", ")); the producer bootstraps from the others")
    }

    static func sinkURLs(_ configuration: Configuration) -> [(String, String)] {
        SinkRegistry.configured(configuration).map { ($0.kind.name, $0.url) }
    }
}
