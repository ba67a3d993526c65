import Foundation

/// The three workflows of the design document.
public enum WorkflowKind: String, Sendable, Equatable, CaseIterable {
    case activation, recovery, scaling

    /// The configured settings of this workflow.
    public func settings(_ configuration: Configuration) -> WorkflowSettings {
        switch self {
        case .activation: return configuration.workflows.activation
        case .recovery: return configuration.workflows.recovery
        case .scaling: return configuration.workflows.scaling
        }
    }
}

/// One step of a workflow run, as reported and as emitted in `metadata.step`.
public struct WorkflowStep: Sendable, Equatable {
    /// `diagnose`, `backup`, `restart`, `reinstall`, `verify`, `restore`, `health`, `credentials`, ….
    public var name: String
    /// True when the step succeeded (or had nothing to do).
    public var ok: Bool
    /// What happened, for people.
    public var detail: String

    /// The JSON form.
    public var json: JSONValue { ["name": .string(name), "ok": .bool(ok), "detail": .string(detail)] }
}

/// Deterministic workflow ids and inputs: one run per incident, not per retry, and never a `/`.
public enum WorkflowRequests {
    /// Incidents are grouped in buckets of this many seconds: retries inside one bucket share a workflow id.
    public static let incidentBucket = 600.0

    /// `gibson-<kind>-<host>-<hash>`, with the host reduced to `[A-Za-z0-9._-]`.
    public static func workflowId(_ kind: WorkflowKind, host: String, incident: String, now: Date) -> String {
        let bucket = Int64(now.timeIntervalSince1970 / incidentBucket)
        let safeHost = String(host.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" ? $0 : "-" })
        return "gibson-\(kind.rawValue)-\(safeHost.isEmpty ? "host" : safeHost)-\(stableHash("\(incident)|\(bucket)"))"
    }

    /// RecoveryInput: failureReason, projectId, restartConfig (policy, retries, backoff, commands), forceConfig.
    public static func recovery(
        _ configuration: Configuration, failure: ProbeFailure, detail: String, identity: String, host: String, now: Date
    ) -> WorkflowRequest {
        let gibson = configuration.gibson
        var restart: [String: JSONValue] = [
            "policy": .string(gibson.restartPolicy.rawValue), "maxRetries": .integer(Int64(gibson.maxRetries)),
            "backoff": .string(gibson.recovery.backoff.description), "executable": .string(gibson.command),
        ]
        if let command = gibson.recovery.restartCommand { restart["command"] = .array(command.map { .string($0) }) }
        var force: [String: JSONValue] = ["backupState": .bool(gibson.recovery.backupState)]
        if let command = gibson.recovery.reinstallCommand { force["reinstallCommand"] = .array(command.map { .string($0) }) }
        var input: [String: JSONValue] = [
            "failureReason": .string(failure.rawValue), "detail": .string(detail), "restartConfig": .object(restart),
            "forceConfig": .object(force), "host": .string(host),
        ]
        if let project = configuration.project.id { input["projectId"] = .string(project) }
        return request(.recovery, configuration, id: workflowId(.recovery, host: host, incident: identity + "|" + failure.rawValue, now: now), input: input)
    }

    /// ActivationInput: services (name, host, port, required), projectId.
    public static func activation(_ configuration: Configuration, host: String, now: Date) -> WorkflowRequest {
        let services: [JSONValue] = configuration.infrastructure.services.map {
            ["name": .string($0.name), "host": .string($0.host), "port": .integer(Int64($0.port)), "required": .bool($0.required)]
        }
        var input: [String: JSONValue] = ["services": .array(services), "host": .string(host)]
        if let project = configuration.project.id { input["projectId"] = .string(project) }
        let incident = configuration.infrastructure.services.map(\.name).joined(separator: ",") + "|" + (configuration.project.id ?? "")
        return request(.activation, configuration, id: workflowId(.activation, host: host, incident: incident, now: now), input: input)
    }

    /// ScalingInput: projectId, thresholds and resources (the remote engine decides what they mean).
    public static func scaling(_ configuration: Configuration, host: String, now: Date) -> WorkflowRequest {
        var input: [String: JSONValue] = [
            "thresholds": ["healthCheckInterval": .string(configuration.gibson.healthCheckInterval.description)],
            "resources": [:], "host": .string(host),
        ]
        if let project = configuration.project.id { input["projectId"] = .string(project) }
        return request(.scaling, configuration, id: workflowId(.scaling, host: host, incident: configuration.project.id ?? "", now: now), input: input)
    }

    private static func request(_ kind: WorkflowKind, _ configuration: Configuration, id: String, input: [String: JSONValue]) -> WorkflowRequest {
        let settings = kind.settings(configuration)
        return WorkflowRequest(
            workflowType: settings.workflowType, workflowId: id, taskQueue: settings.taskQueue, input: [.object(input)],
            executionTimeout: settings.executionTimeout)
    }
}
