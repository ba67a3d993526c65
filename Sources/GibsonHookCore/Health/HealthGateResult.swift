import Foundation

/// Which recovery ran while the gate waited.
public enum RecoveryPath: Sendable, Equatable {
    /// Gibson was healthy: no recovery.
    case none
    /// gibson-recovery-workflow was started on the remote engine with this id.
    case remote(workflowId: String)
    /// The local fallback ran the recovery activities; the reason says why the remote engine was not used.
    case local(reason: String)
    /// Recovery was not attempted (restartPolicy `never` with nothing to repair, or the workflow disabled).
    case skipped(reason: String)
}

/// The gate's verdict.
public struct HealthGateResult: Sendable, Equatable {
    /// True when the commit may go on.
    public var passed: Bool
    /// The last health report (after recovery, when recovery ran).
    public var report: HealthReport
    /// The failure first seen, before recovery; nil when Gibson was healthy at once.
    public var diagnosis: ProbeFailure?
    /// Which recovery ran.
    public var recovery: RecoveryPath
    /// The recovery steps, in order (local fallback) or the remote start (remote).
    public var steps: [WorkflowStep]
    /// What the user can do next when blocked; empty when passed.
    public var remedies: [String]
    /// True when the gate passed on an expired healthy result while a detached process re-checks Gibson.
    public var revalidating = false

    /// Creates a result.
    public init(
        passed: Bool, report: HealthReport, diagnosis: ProbeFailure?, recovery: RecoveryPath, steps: [WorkflowStep],
        remedies: [String]
    ) {
        self.passed = passed
        self.report = report
        self.diagnosis = diagnosis
        self.recovery = recovery
        self.steps = steps
        self.remedies = remedies
    }

    /// Exit status for the hook: success or failure.
    public var exitCode: HookExitCode { passed ? .success : .failure }

    /// `{"passed", "report", "remedies", "steps", "recovery", "diagnosis"?}` for `--json`.
    public var json: JSONValue {
        var members: [String: JSONValue] = [
            "passed": .bool(passed), "report": report.json,
            "remedies": .array(remedies.map(JSONValue.string)),
            "steps": .array(steps.map { ["name": .string($0.name), "ok": .bool($0.ok), "detail": .string($0.detail)] }),
            "recovery": recovery.json,
        ]
        if let diagnosis { members["diagnosis"] = .string(diagnosis.rawValue) }
        if revalidating { members["revalidation"] = "background" }
        return .object(members)
    }
}

extension RecoveryPath {
    /// `{"path": "none|remote|local|skipped", ...}` for `--json`.
    public var json: JSONValue {
        switch self {
        case .none: ["path": "none"]
        case .remote(let workflowId): ["path": "remote", "workflowId": .string(workflowId)]
        case .local(let reason): ["path": "local", "reason": .string(reason)]
        case .skipped(let reason): ["path": "skipped", "reason": .string(reason)]
        }
    }
}
