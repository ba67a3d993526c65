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
        heard: (ReceiveOutcome) -> Void, loop: (TriggerLoop) -> Void
    ) throws -> ListenReport {
        let settings = configuration.listen.webhook
        guard settings.address != nil else { throw ListenError.noSource }
        var token = settings.token
        if token == nil, let name = settings.tokenEnv {
            guard let value = context.environment.nonEmpty(name) else { throw ListenError.tokenUnset(name) }
            token = value
        }
        let store = try openOutbox()
        try store.prepareReceiving()
        let queue = WebhookQueue(limit: settings.queueLimit)
        let server = try WebhookServer(settings: settings, token: token, queue: queue)
        defer { server.stop() }
        ready("CloudEvents webhook on http://\(server.address)/")
        let sinks = sinks(store)
        let listener = Listener(store: store, queue: queue, clock: clock) { [configuration, clock] seconds in
            try store.recoveringFromDamage {
                try Deliverer(store: store, sinks: sinks, configuration: configuration, clock: clock)
                    .run(deadline: clock.now().addingTimeInterval(seconds))
            }
        }
        return try listener.run(
            once: options.once, idle: options.idle, finalDeadline: configuration.delivery.deadline.seconds,
            shouldStop: shouldStop, heard: heard, loop: loop)
    }
}
