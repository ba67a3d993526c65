import ArgumentParser
import GibsonHookCore

/// `health --watch`: runs the core's `HealthMonitor` and prints one line (or JSON object) per round.
struct HealthWatch {
    let env: CommandEnvironment
    let root: GibsonHook
    let json: Bool

    func run(rounds: Int?, metricsListen: String? = nil) throws {
        if let rounds, rounds < 1 { throw ValidationError("--rounds must be at least 1") }
        var lastHealthy = true
        // The responder lives as long as the watch; it serves the metrics of the last finished round.
        let server = try metricsListen.map { try root.serveMetrics(on: $0) }
        if let server { env.note("serving metrics on http://\(server.address)/metrics") }
        env.recordingEvents(root) { $0.watchHealth(rounds: rounds) { round in
            // A round whose process is still starting is not a failure of the watch.
            lastHealthy = round.healthy || round.starting
            root.recordHealthRound(round)
            if let server, let text = try? root.metrics() { server.update(text) }
            if json {
                var members: [String: JSONValue] = ["healthy": .bool(round.healthy), "report": round.report.json]
                if let recovery = round.recovery { members["recovery"] = recovery.json }
                if round.starting { members["starting"] = .bool(true) }
                env.stdout.write(JSONValue.object(members).serialized() + "\n")
                return
            }
            let style = env.outputStyle
            let time = round.report.checkedAt.formatted(.iso8601)
            if round.report.healthy {
                env.stdout.write("\(time) gibson: \(style.green(round.report.summary))\n")
            } else if round.starting {
                env.stdout.write("\(time) gibson: starting (\(round.report.summary))\n")
            } else {
                env.stdout.write("\(time) gibson: \(style.red(round.report.summary))\n")
                if let recovery = round.recovery {
                    env.stdout.write("\(time) recovery: \(recovery.passed ? style.green("recovered") : style.red("still unhealthy"))\n")
                }
            }
        } }
        if !lastHealthy { throw ExitCode(HookExitCode.failure) }
    }
}
