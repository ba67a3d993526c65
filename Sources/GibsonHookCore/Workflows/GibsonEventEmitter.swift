import Foundation

/// Builds the GibsonEvents of the design document (`ai.gibson.hook.gibson.<eventType>`) and the system
/// events of `infra-ready`, and hands them to the `EventRecorder`. Recording is best effort: a failure is
/// counted, never thrown, because an event must not stop a recovery.
///
/// This is the one place health and workflows build CloudEvents; switch it to the events engineer's
/// EventFactory when that lands.
public final class GibsonEventEmitter {
    private let recorder: (any EventRecorder)?
    private let configuration: Configuration
    private let environment: ProcessEnvironment
    private let clock: any WallClock
    /// Events handed to the recorder (kept for reports and tests).
    public private(set) var emitted: [CloudEvent] = []
    /// Events the recorder refused.
    public private(set) var failures = 0

    /// Creates an emitter; with no recorder events are only kept in `emitted`.
    public init(recorder: (any EventRecorder)?, configuration: Configuration, environment: ProcessEnvironment, clock: any WallClock) {
        self.recorder = recorder
        self.configuration = configuration
        self.environment = environment
        self.clock = clock
    }

    /// The host name, used in sources and workflow ids.
    public static var hostName: String { ProcessInfo.processInfo.hostName }

    /// Emits a GibsonEvent: `eventType` is activation, health-check, error or recovery; `serviceStatus` is
    /// starting, running, stopping, stopped or error; `step` names the workflow step.
    public func gibson(_ eventType: String, status serviceStatus: String, step: String, metadata: [String: JSONValue] = [:]) {
        var meta = metadata
        meta["step"] = .string(step)
        if let ci = CIMetadata.detect(environment) { meta["ci"] = ci.json }
        var data: [String: JSONValue] = [
            "eventType": .string(eventType), "serviceStatus": .string(serviceStatus), "metadata": .object(meta),
        ]
        if let project = configuration.project.id { data["projectId"] = .string(project) }
        record(type: "ai.gibson.hook.gibson.\(eventType)", family: "gibson", data: .object(data))
    }

    /// Emits a system event such as `infrastructure-ready` to the system topic.
    public func system(_ name: String, data: [String: JSONValue]) {
        var members = data
        if let ci = CIMetadata.detect(environment) { members["ci"] = ci.json }
        record(type: "ai.gibson.hook.system.\(name)", family: "system", data: .object(members))
    }

    private func record(type: String, family: String, data: JSONValue) {
        let event = CloudEvent(
            id: UUID().uuidString.lowercased(), source: configuration.project.source ?? "gibson-hook://\(Self.hostName)",
            type: type, time: rfc3339(clock.now()), data: data)
        emitted.append(event)
        guard let recorder else { return }
        let topic = configuration.routing[family] ?? "\(family)-events"
        do {
            try recorder.record([OutboundEvent(event: event, topic: topic, key: configuration.project.id ?? Self.hostName)])
        } catch {
            failures += 1
        }
    }
}

/// `date` in RFC 3339 UTC with milliseconds.
func rfc3339(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: date)
}
