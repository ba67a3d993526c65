/// What `topics check` found or `topics apply` did, topic by topic.
public struct TopicReport: Sendable, Equatable {
    /// One configured topic.
    public struct Topic: Sendable, Equatable {
        /// The topic's comparison with the cluster before anything was changed.
        public var entry: TopicPlan.Entry
        /// What `apply` changed (`created with 3 partitions, replication 1`, `partitions 2 -> 3`, ...).
        public var actions: [String] = []
        /// The drift still there afterwards (for `check`, all of it).
        public var remaining: [TopicDrift]
        /// What the cluster refused.
        public var errors: [String] = []

        /// `in-sync`, `created`, `fixed`, `missing`, `drift` or `failed`.
        public var state: String {
            if !errors.isEmpty { return "failed" }
            if remaining.contains(.missing) { return "missing" }
            if !remaining.isEmpty { return "drift" }
            if entry.observed == nil { return "created" }
            return entry.drift.isEmpty ? "in-sync" : "fixed"
        }
    }

    /// `check` or `apply`.
    public var mode: String
    /// Whether `--fix` was given.
    public var fix: Bool
    /// `kafka` (librdkafka) or `rest-v3`.
    public var via: String
    /// The cluster's broker count.
    public var brokers: Int
    /// Every configured topic, by name.
    public var topics: [Topic]

    /// True when every configured topic exists as configured (after `apply`'s changes).
    public var inSync: Bool { topics.allSatisfy { $0.remaining.isEmpty && $0.errors.isEmpty } }

    /// The report as JSON (the shape `topics check --json` and `topics apply --json` print).
    public var json: JSONValue {
        .object([
            "mode": .string(mode), "fix": .bool(fix), "via": .string(via), "brokers": .integer(Int64(brokers)),
            "inSync": .bool(inSync), "topics": .array(topics.map(\.json)),
        ])
    }
}

extension TopicReport.Topic {
    /// One topic as JSON: configured and actual values, drift left, actions, warnings and errors.
    var json: JSONValue {
        let observed = entry.observed
        let configs = entry.spec.configs.keys.sorted().map { key -> (String, JSONValue) in
            (key, .object(["configured": .string(entry.spec.configs[key]!), "actual": observed?.configs[key].map { .string($0) } ?? .null]))
        }
        return .object([
            "name": .string(entry.spec.name), "state": .string(state),
            "partitions": .object(["configured": .integer(Int64(entry.spec.partitions)), "actual": observed.map { .integer(Int64($0.partitions)) } ?? .null]),
            "replication": .object([
                "configured": .integer(Int64(entry.spec.replication)), "effective": .integer(Int64(entry.replication)),
                "actual": observed.map { .integer(Int64($0.replication)) } ?? .null,
            ]),
            "configs": .object(Dictionary(uniqueKeysWithValues: configs)),
            "drift": .array(remaining.map { .object(["kind": .string($0.kind), "message": .string($0.description), "fixable": .bool($0.fixable)]) }),
            "actions": .array(actions.map { .string($0) }),
            "warnings": .array(entry.warnings.map { .string($0) }),
            "errors": .array(errors.map { .string($0) }),
        ])
    }
}
