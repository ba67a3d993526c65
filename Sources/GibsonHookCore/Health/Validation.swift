import Foundation

/// One problem `validate` found.
public struct ValidationFinding: Sendable, Equatable {
    /// How bad it is.
    public enum Severity: String, Sendable, Equatable { case error, warning }
    /// Error or warning.
    public var severity: Severity
    /// `config`, `gibson`, `services`, `sinks` or `hooks`.
    public var area: String
    /// What is wrong and what to do.
    public var message: String

    /// Creates a finding.
    public init(severity: Severity, area: String, message: String) {
        self.severity = severity
        self.area = area
        self.message = message
    }

    /// The JSON form.
    public var json: JSONValue { ["severity": .string(severity.rawValue), "area": .string(area), "message": .string(message)] }
}

/// The seam through which `validate` asks whether the hooks are wired; the hooks area implements it.
public protocol HookWiringInspector {
    /// Problems with the installed hooks (missing, stale, pointing at a missing binary).
    func findings(environment: ProcessEnvironment) -> [ValidationFinding]
}

/// What `validate` found.
public struct ValidationReport: Sendable, Equatable {
    /// Every finding, errors and warnings.
    public var findings: [ValidationFinding]
    /// Gibson's health.
    public var health: HealthReport
    /// Every service's status.
    public var services: [ServiceStatus]

    /// True when there is no error (warnings allowed).
    public var passed: Bool { !findings.contains { $0.severity == .error } }
}

/// The `validate` use-case: configuration, Gibson health, services, sinks reachable and hooks wired, every
/// problem collected and reported together.
public struct Validation {
    let clock: any WallClock
    let runner: any ProcessRunner
    let hooks: (any HookWiringInspector)?

    /// Creates the use-case; `hooks` nil skips the hook check.
    public init(clock: any WallClock, runner: any ProcessRunner, hooks: (any HookWiringInspector)?) {
        self.clock = clock
        self.runner = runner
        self.hooks = hooks
    }

    /// Runs every check.
    public func run(_ options: HealthOptions) -> ValidationReport {
        let configuration = options.configuration
        var findings = ConfigurationAudit.findings(configuration)
        let health = HealthCheck(runner: runner, clock: clock).run(
            configuration: configuration, environment: options.environment, statePaths: options.statePaths, noCache: true)
        if !health.healthy {
            findings.append(ValidationFinding(severity: .error, area: "gibson", message: "gibson is unhealthy: \(health.summary)"))
        }
        let services = ServiceStatus.probeAll(configuration.infrastructure)
        // The design document's five services are an assumption when the user configured none: a laptop
        // without them is not broken. A service the user configured that is down stays an error.
        let assumed = configuration.infrastructure.services == Infrastructure().services
        for service in services where !service.up {
            let down = "service '\(service.name)' is down: \(service.error ?? "no answer")"
            findings.append(assumed
                ? ValidationFinding(
                    severity: .warning, area: "services",
                    message: down + " (a default service, not configured: list yours in infrastructure.services, "
                        + "or set 'infrastructure.services: []' to check none)")
                : ValidationFinding(severity: service.required ? .error : .warning, area: "services", message: down))
        }
        findings += ConfigurationAudit.sinkFindings(configuration, timeout: configuration.delivery.connectTimeout.seconds)
        findings += hooks?.findings(environment: options.environment) ?? []
        return ValidationReport(findings: findings, health: health, services: services)
    }
}
