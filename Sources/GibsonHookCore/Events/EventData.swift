/// Data of a `gibson.<eventType>` event (the design document's GibsonEvent).
public struct GibsonEventData: Sendable, Equatable {
    /// What happened to the Gibson CLI.
    public enum EventType: String, Sendable, CaseIterable {
        case activation, deactivation, healthCheck = "health-check", error, recovery
    }
    /// The state of the Gibson service after the event.
    public enum ServiceStatus: String, Sendable, CaseIterable { case starting, running, stopping, stopped, error }

    public var eventType: EventType
    public var serviceStatus: ServiceStatus
    public var projectId: String?
    public var metadata: [String: JSONValue]

    public init(eventType: EventType, serviceStatus: ServiceStatus, projectId: String? = nil, metadata: [String: JSONValue] = [:]) {
        self.eventType = eventType
        self.serviceStatus = serviceStatus
        self.projectId = projectId
        self.metadata = metadata
    }

    /// The CloudEvents type, e.g. `ai.gibson.hook.gibson.recovery`.
    public var type: String { EventFamily.gibson.type(eventType.rawValue) }

    /// The payload members (the factory adds `eventId` and `timestamp`).
    public var members: [String: JSONValue] {
        var members: [String: JSONValue] = [
            "eventType": .string(eventType.rawValue), "serviceStatus": .string(serviceStatus.rawValue),
            "metadata": .object(metadata),
        ]
        if let projectId { members["projectId"] = .string(projectId) }
        return members
    }
}

/// Data of a `project.<eventType>` event (the design document's ProjectEvent).
public struct ProjectEventData: Sendable, Equatable {
    /// What happened to the project.
    public enum EventType: String, Sendable, CaseIterable { case created, updated, deleted, deployed }

    public var eventType: EventType
    public var projectId: String
    public var userId: String
    /// ProjectChange values: free-form objects describing each change.
    public var changes: [JSONValue]
    public var metadata: [String: JSONValue]

    public init(eventType: EventType, projectId: String, userId: String, changes: [JSONValue] = [], metadata: [String: JSONValue] = [:]) {
        self.eventType = eventType
        self.projectId = projectId
        self.userId = userId
        self.changes = changes
        self.metadata = metadata
    }

    /// The CloudEvents type, e.g. `ai.gibson.hook.project.deployed`.
    public var type: String { EventFamily.project.type(eventType.rawValue) }

    /// The payload members (the factory adds `eventId` and `timestamp`).
    public var members: [String: JSONValue] {
        [
            "eventType": .string(eventType.rawValue), "projectId": .string(projectId), "userId": .string(userId),
            "changes": .array(changes), "metadata": .object(metadata),
        ]
    }
}

/// Data of an `ai.<eventType>` event (the design document's AIEvent).
public struct AIEventData: Sendable, Equatable {
    /// What happened to the model.
    public enum EventType: String, Sendable, CaseIterable {
        case trainingStart = "training-start", trainingComplete = "training-complete"
        case inferenceRequest = "inference-request", modelOptimized = "model-optimized"
    }

    public var eventType: EventType
    public var modelId: String
    public var projectId: String
    /// AIMetrics: name → number or other JSON value.
    public var metrics: [String: JSONValue]
    public var metadata: [String: JSONValue]

    public init(eventType: EventType, modelId: String, projectId: String, metrics: [String: JSONValue] = [:], metadata: [String: JSONValue] = [:]) {
        self.eventType = eventType
        self.modelId = modelId
        self.projectId = projectId
        self.metrics = metrics
        self.metadata = metadata
    }

    /// The CloudEvents type, e.g. `ai.gibson.hook.ai.training-start`.
    public var type: String { EventFamily.ai.type(eventType.rawValue) }

    /// The payload members (the factory adds `eventId` and `timestamp`).
    public var members: [String: JSONValue] {
        [
            "eventType": .string(eventType.rawValue), "modelId": .string(modelId), "projectId": .string(projectId),
            "metrics": .object(metrics), "metadata": .object(metadata),
        ]
    }
}

/// Data of `system.infrastructure-ready`: every probed service with its status.
public struct InfrastructureReadyData: Sendable, Equatable {
    /// One probed service.
    public struct Service: Sendable, Equatable {
        public var name: String
        /// `up` or `down`.
        public var status: String
        public var required: Bool
        public var detail: String?

        public init(name: String, status: String, required: Bool = true, detail: String? = nil) {
            self.name = name
            self.status = status
            self.required = required
            self.detail = detail
        }
    }

    public var services: [Service]
    public var metadata: [String: JSONValue]

    public init(services: [Service], metadata: [String: JSONValue] = [:]) {
        self.services = services
        self.metadata = metadata
    }

    /// The CloudEvents type.
    public static let type = EventFamily.system.type("infrastructure-ready")

    /// True when every required service is up.
    public var ready: Bool { services.allSatisfy { !$0.required || $0.status == "up" } }

    /// The payload members (the factory adds `eventId` and `timestamp`).
    public var members: [String: JSONValue] {
        let list: [JSONValue] = services.map { service in
            var item: [String: JSONValue] = [
                "name": .string(service.name), "status": .string(service.status), "required": .bool(service.required),
            ]
            if let detail = service.detail { item["detail"] = .string(detail) }
            return .object(item)
        }
        return ["services": .array(list), "ready": .bool(ready), "metadata": .object(metadata)]
    }
}
