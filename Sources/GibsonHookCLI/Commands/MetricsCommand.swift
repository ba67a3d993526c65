import ArgumentParser
import GibsonHookCore

/// `gibson-hook metrics`: the Prometheus text exposition of the outbox, breakers and last health check.
struct MetricsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics", abstract: "Print Prometheus metrics (text exposition format).",
        discussion: """
            gibson_up, gibson_hook_outbox_events, gibson_hook_delivery_seconds, gibson_hook_requests_total, gibson_hook_workflow_started_total, \
            gibson_hook_breaker_open and gibson_hook_health_check_seconds, read from the outbox. With --textfile it \
            writes them atomically for node_exporter's textfile collector; 'health --watch --metrics-listen \
            HOST:PORT' serves them on /metrics.
            """)

    @Option(help: ArgumentHelp("Write the metrics to this file atomically instead of printing them.", valueName: "path"))
    var textfile: String?

    @OptionGroup var config: ConfigOptions

    func run() throws {
        let env = CommandEnvironment.current()
        let root = try env.gibsonHook(config.overrides)
        if let textfile {
            try root.writeMetricsTextfile(textfile)
        } else {
            env.stdout.write(try root.metrics())
        }
    }
}
