/// One topic as the configuration wants it: `topics.<name>` with `retention` as `retention.ms` and the
/// other `configs`.
public struct TopicSpec: Sendable, Equatable {
    /// The topic's name.
    public var name: String
    /// The partitions it should have at least.
    public var partitions: Int
    /// The replication factor asked for (capped by the cluster's broker count when created).
    public var replication: Int
    /// The topic configs it should have, `retention.ms` included.
    public var configs: [String: String]

    /// Creates a spec.
    public init(name: String, partitions: Int, replication: Int, configs: [String: String]) {
        self.name = name
        self.partitions = partitions
        self.replication = replication
        self.configs = configs
    }

    /// Longest topic name Kafka accepts.
    static let longestName = 249

    /// Why Kafka would refuse `name` as a topic name (letters, digits, `.`, `_` and `-`, at most 249 of
    /// them, not `.` or `..`), or nil.
    static func nameProblem(_ name: String) -> String? {
        if name.isEmpty { return "a topic needs a name" }
        if name == "." || name == ".." { return "Kafka does not allow the topic names '.' and '..'" }
        let legal = { (c: Character) in c.isASCII && (c.isLetter || c.isNumber || c == "." || c == "_" || c == "-") }
        var illegal: [Character] = []
        for c in name where !legal(c) && !illegal.contains(c) { illegal.append(c) }
        if !illegal.isEmpty {
            let shown = illegal.prefix(5).map { "'\(ConfigQuote.text(String($0)))'" }.joined(separator: ", ")
            return "Kafka topic names have only letters, digits, '.', '_' and '-', not \(shown)"
        }
        if name.count > longestName { return "Kafka topic names have at most \(longestName) characters, this has \(name.count)" }
        return nil
    }

    /// Kafka's lowest `retention.ms`: -1, no limit.
    static func retentionProblem(_ value: String) -> String? {
        guard let milliseconds = Int64(value), milliseconds >= -1, milliseconds != 0 else {
            return "expected a whole number of milliseconds greater than 0, or -1 for no limit"
        }
        return nil
    }

    /// Every configured topic, by name.
    public static func configured(_ configuration: Configuration) -> [TopicSpec] {
        configuration.topics.keys.sorted().map { name in
            let settings = configuration.topics[name]!
            var configs = ["retention.ms": String(Int64((settings.retention.seconds * 1000).rounded()))]
            configs.merge(settings.configs) { _, explicit in explicit }
            return TopicSpec(name: name, partitions: settings.partitions, replication: settings.replication, configs: configs)
        }
    }
}

/// What the cluster has: its broker count and the configured topics that exist, with their configs.
public struct ObservedCluster: Sendable, Equatable {
    /// Brokers in the cluster's metadata.
    public var brokers: Int
    /// The configured topics the cluster has, by name.
    public var topics: [String: ObservedTopic]

    /// Creates an observation.
    public init(brokers: Int, topics: [String: ObservedTopic]) {
        self.brokers = brokers
        self.topics = topics
    }
}

/// One existing topic.
public struct ObservedTopic: Sendable, Equatable {
    /// Its partition count.
    public var partitions: Int
    /// Its replication factor (the fewest replicas of any partition).
    public var replication: Int
    /// Its configs as the cluster describes them (values of configs the cluster has no value for are absent).
    public var configs: [String: String]

    /// Creates an observed topic.
    public init(partitions: Int, replication: Int, configs: [String: String]) {
        self.partitions = partitions
        self.replication = replication
        self.configs = configs
    }
}
