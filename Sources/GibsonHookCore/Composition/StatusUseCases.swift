import Foundation

extension GibsonHook {
    /// `status`: Gibson's recorded health and history, the outbox per sink, the hooks' wiring and the service
    /// units, read from state only. An outbox that does not exist yet is not created; one that cannot be
    /// read throws. Outside a git repository `hooks` is nil.
    public func status() throws -> StatusReport {
        let path = statePaths.outboxDatabase(configuration)
        let exists = FileManager.default.fileExists(atPath: path)
        var gibson = StatusReport.GibsonStatus(
            lastCheck: nil, incidents: 0, remoteRecoveries: 0, localRecoveries: 0, localRecovered: 0, recent: [])
        var sinks: (sinks: [StatusReport.SinkStatus], unassigned: Int, unassignedOldest: Date?) = (
            SinkRegistry.configured(configuration).reduce(into: []) { list, entry in
                guard !list.contains(where: { $0.name == entry.kind.name }) else { return }
                list.append(StatusReport.SinkStatus(
                    name: entry.kind.name, configured: true, pending: 0, delivered: 0, dead: 0, breaker: "closed"))
            }, 0, nil)
        var listen: StatusReport.ListenStatus?
        if exists {
            let store = try openOutbox()
            let reader = StatusReader(store: store, configuration: configuration, now: clock.now())
            gibson = try reader.gibson()
            sinks = try reader.sinks()
            listen = try listenStatus(store)
        } else if configuration.listen.hasSource {
            listen = StatusReport.ListenStatus(sources: listenSources, received: [], fired: [], queued: [], cursorAge: [])
        }
        // The gate's cache: a stat of the executable and of Gibson's config, no process.
        let location = GibsonLocation(configuration: configuration, environment: context.environment)
        if let identity = TargetIdentity(location: location, configuration: configuration, environment: context.environment),
            let checkedAt = HealthCache(statePaths: statePaths).healthyAt(identity)
        {
            gibson.cachedHealthyAt = checkedAt
            gibson.cachedUntil = checkedAt.addingTimeInterval(configuration.gibson.cacheTTL.seconds)
            gibson.cacheFresh = HealthCache(statePaths: statePaths).isFresh(identity, now: clock.now(), ttl: configuration.gibson.cacheTTL)
        }
        let installer = serviceInstaller(system: false, output: nil, manager: .native)
        let service = StatusReport.ServiceStatus(systemd: ServiceInstaller.systemdRunning, units: installer.status())
        let hooks = try wiringOutsideRepositoryAsNil()
        var report = StatusReport(
            gibson: gibson, outboxPath: path, outboxExists: exists, sinks: sinks.sinks, unassigned: sinks.unassigned,
            hooks: hooks, service: service)
        report.unassignedOldest = sinks.unassignedOldest
        report.listen = listen
        return report
    }

    /// The configured `listen` sources, in a fixed order.
    private var listenSources: [String] {
        let settings = configuration.listen
        return [("webhook", settings.webhook.address != nil), ("kafka", !settings.kafka.topics.isEmpty),
                ("temporal", !settings.temporal.workflowTypes.isEmpty), ("docker", settings.docker.socket != nil)]
            .filter(\.1).map(\.0)
    }

    /// `listen`'s counters from the outbox, as `metrics` reads them; nil when no source is configured and
    /// nothing was ever received.
    private func listenStatus(_ store: OutboxStore) throws -> StatusReport.ListenStatus? {
        var snapshot = MetricsSnapshot()
        try MetricsReader(store: store, configuration: configuration, now: clock.now()).readListen(into: &snapshot)
        let label: (MetricsSnapshot.Sample) -> String = { $0.labels.first?.1 ?? "" }
        let received = snapshot.listenReceived.map { (origin: label($0), count: Int($0.value)) }
        guard configuration.listen.hasSource || !received.isEmpty else { return nil }
        return StatusReport.ListenStatus(
            sources: listenSources, received: received, fired: snapshot.triggersFired.map { (effect: label($0), count: Int($0.value)) },
            queued: snapshot.listenQueued.map { (source: label($0), value: Int($0.value)) },
            cursorAge: snapshot.listenCursorAge.map { (source: label($0), seconds: $0.value) })
    }

    /// The hooks' wiring; nil outside a git repository, other failures thrown.
    private func wiringOutsideRepositoryAsNil() throws -> HookWiring.StatusReport? {
        let result = Result { () throws(HookInstallError) in try context.hookWiring.status() }
        switch result {
        case .success(let report): return report
        case .failure(.notARepository): return nil
        case .failure(let error): throw error
        }
    }
}
