/// How the configured topics differ from the cluster's, and what `topics apply` does about it. Pure: the
/// same desired topics and observation give the same plan. Nothing is ever deleted or shrunk.
public struct TopicPlan: Sendable, Equatable {
    /// One configured topic's comparison.
    public struct Entry: Sendable, Equatable {
        /// The configured topic.
        public var spec: TopicSpec
        /// The replication factor a creation uses: the configured one, capped by the broker count.
        public var replication: Int
        /// The topic as the cluster has it; nil when it does not exist.
        public var observed: ObservedTopic?
        /// What differs from the configuration.
        public var drift: [TopicDrift]
        /// Things to know that are no drift (replication capped, more partitions than configured).
        public var warnings: [String]

        /// True when the topic exists and nothing differs.
        public var inSync: Bool { observed != nil && drift.isEmpty }
    }

    /// The cluster's broker count.
    public var brokers: Int
    /// One entry per configured topic, by name.
    public var entries: [Entry]

    /// Compares `desired` with `cluster`.
    public init(desired: [TopicSpec], cluster: ObservedCluster) {
        brokers = cluster.brokers
        entries = desired.map { spec in Self.entry(spec, cluster) }
    }

    private static func entry(_ spec: TopicSpec, _ cluster: ObservedCluster) -> Entry {
        let brokers = max(1, cluster.brokers)
        let replication = min(spec.replication, brokers)
        var warnings: [String] = []
        if replication < spec.replication {
            warnings.append("replication \(spec.replication) is capped to \(replication): the cluster has "
                + "\(cluster.brokers) broker\(cluster.brokers == 1 ? "" : "s")")
        }
        guard let observed = cluster.topics[spec.name] else {
            return Entry(spec: spec, replication: replication, observed: nil, drift: [.missing], warnings: warnings)
        }
        var drift: [TopicDrift] = []
        if observed.partitions < spec.partitions {
            drift.append(.fewerPartitions(actual: observed.partitions, configured: spec.partitions))
        } else if observed.partitions > spec.partitions {
            warnings.append("has \(partitions(observed.partitions)), more than the \(spec.partitions) configured "
                + "(partitions are never removed)")
        }
        if observed.replication < replication {
            drift.append(.fewerReplicas(actual: observed.replication, configured: replication))
        }
        for key in spec.configs.keys.sorted() where observed.configs[key] != spec.configs[key] {
            drift.append(.config(key: key, actual: observed.configs[key], configured: spec.configs[key]!))
        }
        return Entry(spec: spec, replication: replication, observed: observed, drift: drift, warnings: warnings)
    }

    /// True when every configured topic exists and nothing differs.
    public var inSync: Bool { entries.allSatisfy(\.inSync) }

    /// The topics to create, with their capped replication.
    public var creations: [TopicSpec] {
        entries.filter { $0.observed == nil }.map { entry in
            var spec = entry.spec
            spec.replication = entry.replication
            return spec
        }
    }

    /// Topic → new partition total, for topics with fewer partitions than configured.
    public var partitionIncreases: [String: Int] {
        var totals: [String: Int] = [:]
        for entry in entries {
            for case .fewerPartitions(_, let configured) in entry.drift { totals[entry.spec.name] = configured }
        }
        return totals
    }

    /// Topic → the configs to set, for topics whose configs differ.
    public var configChanges: [String: [String: String]] {
        var changes: [String: [String: String]] = [:]
        for entry in entries {
            for case .config(let key, _, let configured) in entry.drift { changes[entry.spec.name, default: [:]][key] = configured }
        }
        return changes
    }
}

/// One way a topic differs from its configuration.
public enum TopicDrift: Sendable, Equatable, CustomStringConvertible {
    /// The topic does not exist (`apply` creates it).
    case missing
    /// Fewer partitions than configured (`apply --fix` adds partitions).
    case fewerPartitions(actual: Int, configured: Int)
    /// Fewer replicas than configured (capped): gibson-hook does not reassign replicas.
    case fewerReplicas(actual: Int, configured: Int)
    /// A config with another value, or none (`apply --fix` sets it).
    case config(key: String, actual: String?, configured: String)

    /// Whether `apply` (missing) or `apply --fix` (the others but replicas) can fix it.
    public var fixable: Bool {
        if case .fewerReplicas = self { return false }
        return true
    }

    /// `missing`, `partitions`, `replication` or `config`, for JSON.
    public var kind: String {
        switch self {
        case .missing: "missing"
        case .fewerPartitions: "partitions"
        case .fewerReplicas: "replication"
        case .config: "config"
        }
    }

    /// What differs, for people.
    public var description: String {
        switch self {
        case .missing: "does not exist"
        case .fewerPartitions(let actual, let configured): "has \(partitions(actual)), configured \(configured)"
        case .fewerReplicas(let actual, let configured):
            "has replication \(actual), configured \(configured) (not fixed: reassign its replicas with the cluster's tools)"
        case .config(let key, let actual, let configured):
            "\(key) is \(actual.map { "'\($0)'" } ?? "not set"), configured '\(configured)'"
        }
    }
}

/// `1 partition`, `3 partitions`.
func partitions(_ count: Int) -> String { count == 1 ? "1 partition" : "\(count) partitions" }
