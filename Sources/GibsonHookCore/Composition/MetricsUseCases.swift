import Foundation

extension GibsonHook {
    /// `metrics`: the Prometheus text of the outbox, the breakers and the last health check now.
    public func metrics() throws -> String {
        let store = try openOutbox()
        return PrometheusExposition.render(try MetricsReader(store: store, configuration: configuration, now: clock.now()).read())
    }

    /// `metrics --textfile PATH`: writes `metrics()` atomically (a temporary file renamed over `path`), for
    /// node_exporter's textfile collector, which must never read a half-written file.
    public func writeMetricsTextfile(_ path: String) throws {
        let text = try metrics()
        do {
            try PrivateFiles.write(Data(text.utf8), to: path)
            PrivateFiles.restrict(path, to: 0o644)
            _ = chmod(path, 0o644)
        } catch {
            throw MetricsError.textfileFailed(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// Remembers one `health --watch` round for `metrics` (`gibson_up`, `gibson_hook_health_check_seconds`).
    public func recordHealthRound(_ round: HealthMonitor.Round) {
        guard let store = try? openOutbox() else { return }
        let seconds = Double(round.report.probes.reduce(0) { $0 + $1.latencyMs }) / 1000
        let value = "\(round.healthy ? 1 : 0) \(seconds) \(Int(round.report.checkedAt.timeIntervalSince1970))"
        store.setValue(value, for: MetricsStateKeys.lastCheck(target: MetricsReader.target))
    }

    /// `health --watch --metrics-listen`: a `/metrics` responder on `address`, serving `metrics()` now.
    public func serveMetrics(on address: String) throws -> MetricsServer {
        try MetricsServer(listen: address, initial: (try? metrics()) ?? "")
    }
}
