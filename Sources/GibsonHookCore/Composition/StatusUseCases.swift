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
        if exists {
            let reader = StatusReader(store: try openOutbox(), configuration: configuration, now: clock.now())
            gibson = try reader.gibson()
            sinks = try reader.sinks()
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
        return report
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
