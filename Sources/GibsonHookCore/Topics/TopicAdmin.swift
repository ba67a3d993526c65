/// A Kafka cluster's topic administration: librdkafka's Admin API (`KafkaTopicAdmin`) or a Confluent REST
/// proxy's v3 API (`KafkaRestTopicAdmin`). Request-level failures throw; per-topic refusals come back as
/// messages by topic name (a name absent from the answer succeeded).
protocol TopicAdmin: AnyObject {
    /// `kafka` (native) or `rest-v3`, for reports.
    var via: String { get }
    /// The broker count and, of `names`, the topics that exist with their configs.
    func observe(_ names: [String]) throws(TopicsError) -> ObservedCluster
    /// Creates `topics` with their partitions, replication and configs.
    func create(_ topics: [TopicSpec]) throws(TopicsError) -> [String: String]
    /// Raises each topic's partition count to its total.
    func addPartitions(_ totals: [String: Int]) throws(TopicsError) -> [String: String]
    /// Sets the given configs of each topic, leaving its others as they are.
    func alterConfigs(_ changes: [String: [String: String]]) throws(TopicsError) -> [String: String]
}

/// Why `topics check` or `topics apply` could not compare or change the cluster.
public enum TopicsError: Error, Equatable, CustomStringConvertible {
    /// No Kafka is configured that can administer topics (none, or a REST dialect without topic endpoints).
    case notConfigured(String)
    /// librdkafka refused a client property: an unknown name or an invalid value (exit 2).
    case invalidProperty(String)
    /// The cluster or the proxy did not answer (exit 5).
    case unreachable(String)
    /// librdkafka is missing or too old, or could not make the client.
    case library(String)
    /// The cluster or the proxy answered a request with an error.
    case refused(String)

    public var description: String {
        switch self {
        case .notConfigured(let message), .invalidProperty(let message), .unreachable(let message), .library(let message), .refused(let message):
            message
        }
    }
}
