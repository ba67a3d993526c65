import Foundation

/// One infrastructure service's status, as reported and as carried in `infrastructure-ready`.
public struct ServiceStatus: Sendable, Equatable {
    /// The service name.
    public var name: String
    /// True when the probe succeeded.
    public var up: Bool
    /// Whether `infra-ready` requires it.
    public var required: Bool
    /// Probe time.
    public var latencyMs: Int
    /// Why it is down.
    public var error: String?

    /// The JSON form: `{name, status: up|down, latencyMs, required, error?}`.
    public var json: JSONValue {
        var members: [String: JSONValue] = [
            "name": .string(name), "status": .string(up ? "up" : "down"), "latencyMs": .integer(Int64(latencyMs)),
            "required": .bool(required),
        ]
        if let error { members["error"] = .string(error) }
        return .object(members)
    }

    /// Probes every configured service (HTTP GET when it has a URL, else TCP connect).
    public static func probeAll(_ infrastructure: Infrastructure) -> [ServiceStatus] {
        infrastructure.services.map { service in
            let timeout = infrastructure.timeout.seconds
            let result = service.url.map {
                NetworkProbe.http(name: service.name, url: $0, expectStatus: service.expectStatus, timeout: timeout)
            } ?? NetworkProbe.tcp(name: service.name, host: service.host, port: service.port, timeout: timeout)
            return ServiceStatus(
                name: service.name, up: result.healthy, required: service.required, latencyMs: result.latencyMs,
                error: result.healthy ? nil : result.detail)
        }
    }
}

/// What `infra-ready` found and did.
public struct InfraReadyReport: Sendable, Equatable {
    /// Every service's status.
    public var services: [ServiceStatus]
    /// The activation workflow run; nil when it was not started.
    public var activation: WorkflowRunReport?
    /// Why activation did not run or could not start.
    public var activationNote: String?
    /// True when the services are the design document's defaults because the user configured none.
    public var assumedDefaults = false
    /// How many times the services were probed (more than 1 only with `--wait`).
    public var attempts = 1

    /// True when every required service is up and activation succeeded (or was not asked for).
    public var ready: Bool {
        services.allSatisfy { $0.up || !$0.required } && (activation?.succeeded ?? (activationNote == nil))
    }
}

/// The `infra-ready` use-case: probe services, emit `ai.gibson.hook.system.infrastructure-ready`, then start
/// gibson-activation-workflow remotely or run it locally.
public struct InfraReady {
    let service: WorkflowService
    let clock: any WallClock
    let recorder: (any EventRecorder)?

    /// Creates the use-case.
    public init(clock: any WallClock, runner: any ProcessRunner, starter: (any WorkflowStarter)?, recorder: (any EventRecorder)?) {
        self.service = WorkflowService(clock: clock, runner: runner, starter: starter, recorder: recorder)
        self.clock = clock
        self.recorder = recorder
    }

    /// First pause of `--wait` between probe rounds; it doubles up to `waitBackoffCap`.
    static let waitBackoff = 1.0
    static let waitBackoffCap = 15.0

    /// Runs the checks and activation. With `wait` (seconds) the services are probed again, after 1 s, 2 s,
    /// 4 s … (at most 15 s apart), until every required one answers or `wait` is spent; only the last round
    /// is recorded as `infrastructure-ready` and decides activation.
    public func run(_ options: HealthOptions, wait: Double? = nil) -> InfraReadyReport {
        let configuration = options.configuration
        let deadline = clock.now().addingTimeInterval(max(0, wait ?? 0))
        var services = ServiceStatus.probeAll(configuration.infrastructure)
        var attempts = 1
        var pause = Self.waitBackoff
        while wait != nil, !services.allSatisfy({ $0.up || !$0.required }) {
            let left = deadline.timeIntervalSince(clock.now())
            guard left > 0 else { break }
            clock.sleep(seconds: min(pause, left))
            pause = min(pause * 2, Self.waitBackoffCap)
            services = ServiceStatus.probeAll(configuration.infrastructure)
            attempts += 1
        }
        let requiredUp = services.allSatisfy { $0.up || !$0.required }
        GibsonEventEmitter(recorder: recorder, configuration: configuration, environment: options.environment, clock: clock)
            .infrastructureReady(services, ready: requiredUp)
        var report = InfraReadyReport(services: services, activation: nil, activationNote: nil)
        report.attempts = attempts
        report.assumedDefaults = configuration.infrastructure.services == Infrastructure().services
        guard requiredUp else {
            let down = services.filter { !$0.up && $0.required }.map { "'\($0.name)'" }.joined(separator: ", ")
            report.activationNote = "required services are down (\(down)): activation not started"
            return report
        }
        guard configuration.gibson.autoStart else { return report }
        do {
            report.activation = try service.start(.activation, options: options)
        } catch {
            report.activationNote = "\(error)"
        }
        return report
    }
}
