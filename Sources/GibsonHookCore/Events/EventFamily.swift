/// The families of gibson-hook events. Each maps to a routing entry (`Configuration.routing`) and so to a
/// Kafka topic; the CloudEvents type of every event is `ai.gibson.hook.<family>.<name>`.
public enum EventFamily: String, Sendable, CaseIterable {
    /// GibsonEvent: activation, deactivation, health-check, error, recovery.
    case gibson
    /// ProjectEvent: created, updated, deleted, deployed.
    case project
    /// AIEvent: training-start, training-complete, inference-request, model-optimized.
    case ai
    /// System events such as infrastructure-ready.
    case system
    /// The commit event (`git.commit`, a ProjectEvent `updated` with the repository context).
    case commit
    /// Workflow start requests, delivered to the Temporal sink only.
    case workflow

    /// Prefix of every CloudEvents type gibson-hook produces.
    public static let typePrefix = "ai.gibson.hook."

    /// The type segment after the prefix (`git` for commits).
    var typeSegment: String { self == .commit ? "git" : rawValue }

    /// The full CloudEvents type for `name` in this family, e.g. `ai.gibson.hook.project.updated`.
    public func type(_ name: String) -> String { Self.typePrefix + typeSegment + "." + name }

    /// The family of a CloudEvents type, or nil for types that are not gibson-hook's own.
    public static func of(type: String) -> EventFamily? {
        guard type.hasPrefix(typePrefix) else { return nil }
        let rest = type.dropFirst(typePrefix.count)
        guard let segment = rest.split(separator: ".", maxSplits: 1).first else { return nil }
        if segment == "git" { return .commit }
        return EventFamily(rawValue: String(segment))
    }

    /// Expands a short type such as `project.updated` or `git.commit` (a family and a name, nothing more) to
    /// its full form. Full or foreign types, including reverse-DNS types that merely start with a family
    /// name such as `ai.example.build.finished`, are returned unchanged.
    public static func expand(type: String) -> String {
        if type.hasPrefix(typePrefix) { return type }
        guard type.utf8.filter({ $0 == UInt8(ascii: ".") }).count == 1 else { return type }
        for segment in shortPrefixes where type.hasPrefix(segment) && type.utf8.count > segment.utf8.count {
            return typePrefix + type
        }
        return type
    }

    private static let shortPrefixes = ["gibson.", "project.", "ai.", "system.", "git.", "workflow."]
}

/// Chooses the Kafka topic and record key of an event from the configuration.
public struct EventRouting: Sendable, Equatable {
    /// Family → topic (`Configuration.routing`).
    public var routes: [String: String]
    /// `repository`, `project`, `branch` or `none` (`Configuration.project.partitionKey`).
    public var partitionKey: String
    /// The project id, when configured.
    public var projectId: String?

    /// Routing from `configuration`.
    public init(configuration: Configuration) {
        routes = configuration.routing
        partitionKey = configuration.project.partitionKey
        projectId = configuration.project.id
    }

    /// The topic of `type`: its family's route; types outside the taxonomy go to the `gibson` route.
    public func topic(forType type: String) -> String {
        let family = EventFamily.of(type: type) ?? .gibson
        return routes[family.rawValue] ?? routes[EventFamily.gibson.rawValue] ?? "gibson-events"
    }

    /// The record key: the repository identity (default), the project id, the branch, or none.
    public func key(repository: String?, branch: String?) -> String? {
        switch partitionKey {
        case "none": return nil
        case "project": return projectId ?? repository
        case "branch": return branch.map { (repository.map { $0 + "#" } ?? "") + $0 } ?? repository
        default: return repository
        }
    }
}
