import Foundation

/// Builds the GibsonEvents of the design document (`ai.gibson.hook.gibson.<eventType>`) and the
/// `system.infrastructure-ready` event through the `EventFactory`, and hands them to the `EventRecorder`
/// (the outbox). Recording is best effort: a failure is counted, never thrown, because an event must not
/// stop a recovery or block a commit.
public final class GibsonEventEmitter {
    private let recorder: (any EventRecorder)?
    private let factory: EventFactory
    private let configuration: Configuration
    private let environment: ProcessEnvironment
    /// Events built (recorded or not), for reports and tests.
    public private(set) var emitted: [OutboundEvent] = []
    /// Events the recorder refused.
    public private(set) var failures = 0

    /// Creates an emitter; with no recorder events are only kept in `emitted`.
    public init(recorder: (any EventRecorder)?, configuration: Configuration, environment: ProcessEnvironment, clock: any WallClock) {
        self.recorder = recorder
        self.configuration = configuration
        self.environment = environment
        factory = EventFactory(configuration: configuration, hostName: Self.hostName, clock: clock)
    }

    /// The host name, used in sources and workflow ids.
    public static var hostName: String { EventStamp.hostName }

    /// Emits a GibsonEvent at workflow step `step`, with `metadata` plus the step and CI metadata.
    public func gibson(
        _ eventType: GibsonEventData.EventType, status: GibsonEventData.ServiceStatus, step: String,
        metadata: [String: JSONValue] = [:]
    ) {
        var meta = metadata
        meta["step"] = .string(step)
        if let ci = CIMetadata.detect(environment) { meta["ci"] = ci.json }
        record(factory.gibson(GibsonEventData(
            eventType: eventType, serviceStatus: status, projectId: configuration.project.id, metadata: meta)))
    }

    /// Emits `system.infrastructure-ready` with every service's `{name, status, latencyMs, required, error?}`.
    public func infrastructureReady(_ services: [ServiceStatus], ready: Bool) {
        var metadata: [String: JSONValue] = [:]
        if let ci = CIMetadata.detect(environment) { metadata["ci"] = ci.json }
        record(factory.make(type: InfrastructureReadyData.type, members: [
            "ready": .bool(ready), "services": .array(services.map(\.json)), "metadata": .object(metadata),
        ]))
    }

    private func record(_ event: OutboundEvent) {
        emitted.append(event)
        guard let recorder else { return }
        do {
            try recorder.record([event])
        } catch {
            failures += 1
        }
    }
}
