extension HookRunResult {
    /// The `--json` document of a hook command.
    public var json: JSONValue {
        var members: [String: JSONValue] = [
            "skipped": .bool(skipped), "exitCode": .integer(Int64(exitCode.rawValue)),
            "events": .array(recorded.map { ["id": .string($0.event.id), "type": .string($0.event.type), "topic": .string($0.topic)] }),
            "delivery": delivery.json,
            "actions": .array(actions.map { action in
                ["argv": .array(action.argv.map(JSONValue.string)),
                 "status": action.status.map { .integer(Int64($0)) } ?? .null,
                 "failure": action.failure.map(JSONValue.string) ?? .null]
            }),
        ]
        if let recordFailure { members["recordFailure"] = .string(recordFailure) }
        if let gate { members["gate"] = gate.json }
        return .object(members)
    }
}

extension BackgroundDeliveryOutcome {
    /// `{"state": ..., ...}` for `--json`.
    public var json: JSONValue {
        switch self {
        case .notNeeded: ["state": "not-needed"]
        case .noSinkConfigured: ["state": "no-sink-configured"]
        case .disabled: ["state": "disabled"]
        case .breakerOpen(let endpoints): ["state": "breaker-open", "endpoints": .array(endpoints.map(JSONValue.string))]
        case .started(let pid): ["state": "started", "pid": .integer(Int64(pid))]
        case .failed(let reason): ["state": "failed", "reason": .string(reason)]
        }
    }
}
