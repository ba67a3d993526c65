import Foundation

/// Why a probe found the target unhealthy; also the diagnosis the recovery workflow starts from.
public enum ProbeFailure: String, Sendable, Equatable, CaseIterable {
    /// The executable is not installed or not executable.
    case missingExecutable = "missing-executable"
    /// The command exited with a status that is not accepted.
    case nonZeroExit = "non-zero-exit"
    /// The probe did not finish in time; its process group was killed.
    case timeout
    /// The command succeeded but its output lacked the expected text.
    case unexpectedOutput = "unexpected-output"
    /// Gibson's own configuration (`~/.gibsonai/config`) is not valid JSON.
    case badConfiguration = "bad-configuration"
    /// A TCP or HTTP endpoint refused or did not answer.
    case connectionFailed = "connection-failed"
    /// An HTTP endpoint answered with an unexpected status.
    case unexpectedStatus = "unexpected-status"
    /// An MCP server answered something other than a valid `initialize` / `tools/list` result.
    case protocolError = "protocol-error"
}

/// The outcome of one probe.
public struct ProbeResult: Sendable, Equatable {
    /// The probe's configured name.
    public var name: String
    /// The probe's kind.
    public var kind: ProbeSpec.Kind
    /// Nil when healthy.
    public var failure: ProbeFailure?
    /// One line for people: what was seen.
    public var detail: String
    /// How long the probe took.
    public var latencyMs: Int

    /// Creates a result.
    public init(name: String, kind: ProbeSpec.Kind, failure: ProbeFailure?, detail: String, latencyMs: Int) {
        self.name = name
        self.kind = kind
        self.failure = failure
        self.detail = detail
        self.latencyMs = latencyMs
    }

    /// True when the probe passed.
    public var healthy: Bool { failure == nil }

    /// The JSON form used by `--json` and event metadata.
    public var json: JSONValue {
        var members: [String: JSONValue] = [
            "name": .string(name), "kind": .string(kind.rawValue), "healthy": .bool(healthy),
            "detail": .string(detail), "latencyMs": .integer(Int64(latencyMs)),
        ]
        if let failure { members["failure"] = .string(failure.rawValue) }
        return .object(members)
    }
}

/// The health of the Gibson target at one moment.
public struct HealthReport: Sendable, Equatable {
    /// The executable as configured (`GIBSON_HOOK_GIBSON`, config, or `gibson`).
    public var executable: String
    /// The resolved path, nil when it was not found.
    public var resolvedPath: String?
    /// Every probe's result; empty when answered from the cache.
    public var probes: [ProbeResult]
    /// The overall diagnosis; nil when healthy.
    public var failure: ProbeFailure?
    /// True when a cached healthy result was used instead of probing.
    public var fromCache: Bool
    /// When the result was established.
    public var checkedAt: Date

    /// Creates a report.
    public init(
        executable: String, resolvedPath: String?, probes: [ProbeResult], failure: ProbeFailure?, fromCache: Bool,
        checkedAt: Date
    ) {
        self.executable = executable
        self.resolvedPath = resolvedPath
        self.probes = probes
        self.failure = failure
        self.fromCache = fromCache
        self.checkedAt = checkedAt
    }

    /// True when every probe passed (or the cache says so).
    public var healthy: Bool { failure == nil }

    /// The first failing probe's detail, for one-line diagnoses.
    public var summary: String {
        if healthy { return fromCache ? "healthy (cached)" : "healthy" }
        let probe = probes.first { !$0.healthy }
        return "\(failure!.rawValue): \(probe?.detail ?? "gibson is unhealthy")"
    }

    /// The JSON form used by `--json`.
    public var json: JSONValue {
        var members: [String: JSONValue] = [
            "healthy": .bool(healthy), "executable": .string(executable), "cached": .bool(fromCache),
            "probes": .array(probes.map(\.json)), "summary": .string(summary),
        ]
        if let resolvedPath { members["resolvedPath"] = .string(resolvedPath) }
        if let failure { members["failure"] = .string(failure.rawValue) }
        return .object(members)
    }
}
