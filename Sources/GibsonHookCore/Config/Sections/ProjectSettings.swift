/// The Gibson project and event keying.
public struct ProjectSettings: Sendable, Equatable {
    /// Project id (`GIBSONAI_PROJECT`); nil when the repository is not tied to a project.
    public var id: String? = nil
    /// What keys Kafka records: `repository` (default, keeps one repository's events in order), `project`,
    /// `branch`, or `none`.
    public var partitionKey = "repository"
    /// CloudEvents `source`; nil means derived from the repository remote or the host name.
    public var source: String? = nil

    public init() {}
}
