/// One Kafka topic.
public struct TopicSettings: Sendable, Equatable {
    public var partitions: Int
    public var replication: Int
    public var retention: DurationValue

    public init(partitions: Int, replication: Int, retention: DurationValue) {
        self.partitions = partitions
        self.replication = replication
        self.retention = retention
    }

    /// The design document's topics.
    public static let designDefaults: [String: TopicSettings] = [
        "gibson-events": TopicSettings(partitions: 3, replication: 2, retention: .days(7)),
        "project-events": TopicSettings(partitions: 2, replication: 2, retention: .days(30)),
        "ai-events": TopicSettings(partitions: 4, replication: 2, retention: .days(90)),
        "system-events": TopicSettings(partitions: 1, replication: 2, retention: .days(7)),
    ]
}
