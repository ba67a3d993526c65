import Foundation

/// How `listen` runs.
public struct ListenOptions: Sendable {
    /// Process what arrives until the sources are idle for `idle` seconds, deliver, and exit.
    public var once = false
    /// Seconds without a request after which `once` stops.
    public var idle = 1.0

    public init(once: Bool = false, idle: Double = 1.0) {
        self.once = once
        self.idle = idle
    }
}

extension GibsonHook {
    /// `listen`: receives events from the configured sources (the CloudEvents webhook), fires the triggers
    /// on them and delivers their effects, until `shouldStop` (or, with `once`, until idle). `ready` gets each
    /// source's description once it is listening; `heard` each event; `loop` each trigger skipped as a loop.
    public func listen(
        _ options: ListenOptions, shouldStop: @escaping () -> Bool, ready: (String) -> Void,
        heard: (ReceiveOutcome) -> Void, loop: (TriggerLoop) -> Void, warning: (String) -> Void
    ) throws -> ListenReport {
        let settings = configuration.listen.webhook
        let kafkaTopics = configuration.listen.kafka.topics
        let dockerSettings = configuration.listen.docker
        let workflowTypes = configuration.listen.temporal.workflowTypes
        guard configuration.listen.hasSource else { throw ListenError.noSource }
        if !workflowTypes.isEmpty && (configuration.sinks.temporal.url ?? "").isEmpty {
            throw ListenError.temporalFailed("listen.temporal.workflowTypes needs sinks.temporal.url (GIBSON_HOOK_TEMPORAL_URL)")
        }
        var token = settings.token
        if token == nil, let name = settings.tokenEnv {
            guard let value = context.environment.nonEmpty(name) else { throw ListenError.tokenUnset(name) }
            token = value
        }
        if !kafkaTopics.isEmpty && configuration.sinks.kafka.brokers.isEmpty {
            throw ListenError.kafkaUnavailable("listen.kafka.topics needs sinks.kafka.brokers (GIBSON_HOOK_KAFKA_BROKERS)")
        }
        let store = try openOutbox()
        try store.prepareReceiving()
        var queue: WebhookQueue?
        var server: WebhookServer?
        if settings.address != nil {
            let made = WebhookQueue(limit: settings.queueLimit)
            server = try WebhookServer(settings: settings, token: token, queue: made)
            queue = made
        }
        defer {
            server?.stop()
            server?.waitForConnections(seconds: 2)
        }
        var kafka: KafkaSource?
        if !kafkaTopics.isEmpty {
            do {
                kafka = try KafkaSource.make(configuration: configuration, environment: context.environment)
            } catch {
                throw ListenError.kafkaUnavailable("\(error)")
            }
            ready("Kafka topics \(kafkaTopics.joined(separator: ", ")) as group '\(configuration.listen.kafka.group)'")
        }
        let docker = dockerSettings.socket.map { _ in DockerSource(settings: dockerSettings, hostName: EventStamp.hostName) }
        if let socket = dockerSettings.socket { ready("Docker events on \(socket)") }
        var temporal: TemporalSource?
        if !workflowTypes.isEmpty {
            let client = HTTPClient(options: HTTPClientOptions(delivery: configuration.delivery, tls: configuration.sinks.temporal.tls))
            temporal = TemporalSource(configuration: configuration, environment: context.environment, clock: clock, transport: client)
            ready("Temporal starts of \(workflowTypes.joined(separator: ", "))")
        }
        if let server { ready("CloudEvents webhook on http://\(server.address)/") }
        let sinks = sinks(store)
        let listener = Listener(store: store, queue: queue, kafka: kafka, docker: docker, temporal: temporal, clock: clock) { [configuration, clock] seconds in
            try store.recoveringFromDamage {
                try Deliverer(store: store, sinks: sinks, configuration: configuration, clock: clock)
                    .run(deadline: clock.now().addingTimeInterval(seconds))
            }
        }
        listener.stopAccepting = { server?.stop() }
        return try listener.run(
            once: options.once, idle: options.idle, finalDeadline: configuration.delivery.deadline.seconds,
            shouldStop: shouldStop, heard: heard, loop: loop, warning: warning)
    }
}
