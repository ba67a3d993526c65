import Foundation

/// Builds gibson-hook's CloudEvents envelopes and routes them: unique time-ordered ids, the configured or
/// derived `source`, RFC 3339 UTC times with milliseconds, `datacontenttype` application/json, and the topic
/// and record key from the configuration.
public struct EventFactory: Sendable {
    /// Events larger than this (serialized JSON) are refused; CloudEvents intermediaries must forward 64 KiB.
    public static let maxEventBytes = 64 * 1024

    /// The `source` attribute of every event this factory builds.
    public var source: String
    /// Topic and key choice.
    public var routing: EventRouting
    /// Repository identity used as the default record key.
    public var repository: String?
    private let clock: WallClock
    /// The trigger chain of the action this process runs for, carried by every event it makes.
    var triggerChain: String?

    /// A factory for `configuration`. `remoteURL` is the repository's remote without credentials, if any;
    /// `repository` names the repository for keying (defaults to the remote, else the source).
    public init(
        configuration: Configuration, remoteURL: String? = nil, repository: String? = nil, hostName: String, clock: WallClock,
        triggerChain: String? = nil
    ) {
        source = Self.source(configuration: configuration, remoteURL: remoteURL, hostName: hostName)
        routing = EventRouting(configuration: configuration)
        self.repository = repository ?? remoteURL ?? source
        self.clock = clock
        self.triggerChain = triggerChain.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// `project.source`, else the remote URL with any user information removed, else `urn:gibson-hook:host:<host>`.
    public static func source(configuration: Configuration, remoteURL: String?, hostName: String) -> String {
        if let explicit = configuration.project.source, !explicit.isEmpty { return explicit }
        if let remote = remoteURL.map(removingCredentials), !remote.isEmpty { return remote }
        return "urn:gibson-hook:host:" + (hostName.isEmpty ? "localhost" : hostName)
    }

    /// `https://user:token@host/x.git` → `https://host/x.git`; other forms are returned unchanged.
    public static func removingCredentials(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let authorityStart = schemeEnd.upperBound
        let authorityEnd = url[authorityStart...].firstIndex(of: "/") ?? url.endIndex
        guard let at = url[authorityStart..<authorityEnd].lastIndex(of: "@") else { return url }
        return String(url[..<authorityStart]) + String(url[url.index(after: at)...])
    }

    /// An event of `type` (short forms such as `project.updated` are expanded) with `data`, routed by the
    /// configuration unless `topic` or `key` are given.
    public func make(
        type: String, data: JSONValue?, subject: String? = nil, source: String? = nil, topic: String? = nil,
        key: String? = nil, branch: String? = nil
    ) -> OutboundEvent {
        let now = clock.now()
        let fullType = EventFamily.expand(type: type)
        var event = CloudEvent(
            id: EventStamp.uuidV7(at: now), source: source ?? self.source, type: fullType,
            time: EventStamp.rfc3339(now), subject: subject, data: data)
        if let triggerChain { event.extensions[EventTriggerPlan.chainAttribute] = .string(triggerChain) }
        return OutboundEvent(
            event: event, topic: topic ?? routing.topic(forType: fullType),
            key: key ?? routing.key(repository: repository, branch: branch))
    }

    /// An event whose data is one of the design document's types: `eventId` and `timestamp` are added to
    /// `members` so the payload carries the design document's fields.
    public func make(type: String, members: [String: JSONValue], subject: String? = nil, branch: String? = nil) -> OutboundEvent {
        var outbound = make(type: type, data: nil, subject: subject, branch: branch)
        var data = members
        data["eventId"] = .string(outbound.event.id)
        data["timestamp"] = .string(outbound.event.time ?? "")
        outbound.event.data = .object(data)
        return outbound
    }

    /// A GibsonEvent.
    public func gibson(_ data: GibsonEventData) -> OutboundEvent { make(type: data.type, members: data.members) }

    /// A ProjectEvent.
    public func project(_ data: ProjectEventData) -> OutboundEvent { make(type: data.type, members: data.members) }

    /// An AIEvent.
    public func ai(_ data: AIEventData) -> OutboundEvent { make(type: data.type, members: data.members) }

    /// The `system.infrastructure-ready` event.
    public func infrastructureReady(_ data: InfrastructureReadyData) -> OutboundEvent {
        make(type: InfrastructureReadyData.type, members: data.members)
    }

    /// The commit event, bounded by `bounds`; subject is the branch ref when there is one.
    public func commit(_ input: CommitEventInput, metadata: [String: JSONValue] = [:], bounds: CommitEventBounds = .init()) -> OutboundEvent {
        let members = bounds.members(for: input, projectId: routing.projectId, metadata: metadata)
        return make(
            type: CommitEventInput.type, members: members, subject: input.branch.map { "refs/heads/" + $0 },
            branch: input.branch)
    }

    /// A workflow start request, delivered to the Temporal sink only.
    public func workflowStart(_ request: WorkflowRequest) -> OutboundEvent {
        make(type: WorkflowRequest.eventType, data: request.eventData, subject: request.workflowId)
    }
}

extension EventFactory {
    /// The event that carries a trigger's effect: a workflow start, a republished copy (routed to its
    /// topic, keyed like the factory's events), or an action run (id `run-<trigger>-<event id>-<hash of
    /// source, id and trigger>`, so one event runs an action once per trigger). Each carries the trigger chain that made it.
    public func triggered(_ effect: TriggerEffect) -> OutboundEvent {
        let chainValue: (([String]) -> JSONValue) = { .string($0.joined(separator: ",")) }
        switch effect {
        case .workflow(let request, let chain):
            var outbound = workflowStart(request)
            outbound.event.extensions[EventTriggerPlan.chainAttribute] = chainValue(chain)
            return outbound
        case .emit(let event, let topic):
            return OutboundEvent(event: event, topic: topic, key: routing.key(repository: repository, branch: nil))
        case .run(let run):
            var outbound = make(type: ActionRun.eventType, data: run.eventData, subject: run.action)
            outbound.event.id = run.runId
            outbound.event.extensions[EventTriggerPlan.chainAttribute] = chainValue(run.chain)
            return outbound
        }
    }
}
