import ArgumentParser
import GibsonHookCore

/// `gibson-hook health`: check the Gibson CLI now (or answer from the health cache).
struct HealthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health", abstract: "Check that the Gibson CLI is healthy.",
        discussion: """
            Runs the configured probes (by default 'gibson help'). A healthy result is cached for \
            gibson.cacheTTL. With --watch it keeps monitoring: every gibson.healthCheckInterval it probes, records \
            a health-check event and, when Gibson is unhealthy, runs recovery (remote workflow first, local \
            fallback), for a service unit or a CI job. With gibson.process.command set it also starts that process \
            (gibson.autoStart) and restarts it per gibson.restartPolicy within gibson.maxRetries.
            """)

    @Flag(name: .customLong("no-cache"), help: "Probe even when a cached healthy result is fresh.")
    var noCache = false

    @Option(help: "Timeout of each probe, e.g. 5s (overrides gibson.timeout).")
    var timeout: String?

    @Flag(help: "Print the report as JSON (with --watch: one JSON object per line).")
    var json = false

    @Flag(help: "Keep monitoring every gibson.healthCheckInterval, recovering Gibson when it breaks.")
    var watch = false

    @Option(help: "With --watch, stop after this many rounds (default: run until stopped).")
    var rounds: Int?

    @Option(name: .customLong("metrics-listen"), help: ArgumentHelp(
        "With --watch, serve Prometheus metrics on http://HOST:PORT/metrics (e.g. 127.0.0.1:9464).", valueName: "host:port"))
    var metricsListen: String?

    /// The pre-commit gate's detached re-check (stale-while-revalidate); not for people.
    @Flag(name: .customLong("revalidate"), help: .private)
    var revalidate = false

    @OptionGroup var config: ConfigOptions

    func run() throws {
        let env = CommandEnvironment.current()
        var overrides = config.overrides
        if let timeout { overrides.assignments.append("gibson.timeout=\(timeout)") }
        let root = try env.gibsonHook(overrides)
        if watch { return try HealthWatch(env: env, root: root, json: json).run(rounds: rounds, metricsListen: metricsListen) }
        if metricsListen != nil { throw ValidationError("--metrics-listen needs --watch") }
        if revalidate {
            let report = root.revalidateHealth()
            env.stdout.write("gibson-hook health --revalidate: \(report.summary)\n")
            if !report.healthy { throw ExitCode(HookExitCode.failure) }
            return
        }
        let report = root.checkHealth(noCache: noCache)
        if json {
            env.json(report.json)
        } else {
            let style = env.outputStyle
            env.stdout.write("gibson: \(report.healthy ? style.green(report.summary) : style.red(report.summary))\n")
            for probe in report.probes {
                env.stdout.write("  \(probe.healthy ? "ok  " : "FAIL") \(probe.name): \(probe.detail) (\(probe.latencyMs) ms)\n")
            }
            if !report.healthy {
                for remedy in root.remedies(for: report) { env.hint(remedy) }
            }
        }
        if !report.healthy { throw ExitCode(HookExitCode.failure) }
    }
}
