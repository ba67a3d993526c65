import Foundation

/// Checks of the configuration itself and of sink reachability, for `validate`.
enum ConfigurationAudit {
    /// Values that cannot work, all of them at once.
    static func findings(_ configuration: Configuration) -> [ValidationFinding] {
        var problems: [String] = []
        let gibson = configuration.gibson
        if gibson.probes.isEmpty { problems.append("gibson.probes is empty: add at least one probe (e.g. '--version')") }
        if gibson.maxRetries < 0 { problems.append("gibson.maxRetries is \(gibson.maxRetries): use 0 or more") }
        if gibson.timeout.seconds <= 0 { problems.append("gibson.timeout must be longer than 0s") }
        for probe in gibson.probes {
            switch probe.kind {
            case .tcp where probe.host == nil || probe.port == nil:
                problems.append("probe '\(probe.name)' is tcp but has no host and port")
            case .http where probe.url.map(isHTTPURL) != true:
                problems.append("probe '\(probe.name)' is http but its url '\(probe.url ?? "")' is not an http(s) URL")
            default: break
            }
        }
        if gibson.recovery.restartCommand?.isEmpty == true { problems.append("recovery.restartCommand is an empty argv list") }
        for service in configuration.infrastructure.services where !(1...65_535).contains(service.port) {
            problems.append("service '\(service.name)' has invalid port \(service.port)")
        }
        for (name, url) in sinkURLs(configuration) where !isHTTPURL(url) {
            problems.append("sink \(name) url '\(url)' is not an http(s) URL")
        }
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
            guard isHTTPURL(url), let components = URLComponents(string: url), let host = components.host else { return nil }
            let port = components.port ?? (components.scheme == "https" ? 443 : 80)
            let result = NetworkProbe.tcp(name: name, host: host, port: port, timeout: timeout)
            return result.healthy ? nil : ValidationFinding(
                severity: .error, area: "sinks",
                message: "sink \(name) at '\(ConfigSecrets.maskURL(url))' is unreachable (\(result.detail)); events wait in the outbox until it is up")
        }
    }

    static func sinkURLs(_ configuration: Configuration) -> [(String, String)] {
        let sinks = configuration.sinks
        return [("kafka", sinks.kafka.url), ("cloudevents", sinks.cloudEvents.url), ("temporal", sinks.temporal.url)]
            .compactMap { name, url in url.map { (name, $0) } }
    }

    static func isHTTPURL(_ text: String) -> Bool {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else { return false }
        return (scheme == "http" || scheme == "https") && components.host?.isEmpty == false
    }
}
