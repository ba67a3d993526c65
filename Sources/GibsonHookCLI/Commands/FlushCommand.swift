import ArgumentParser
import Foundation
import GibsonHookCore

/// `gibson-hook flush`: deliver everything pending in the outbox within a deadline.
struct FlushCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flush", abstract: "Deliver pending events to the configured sinks.",
        discussion: "Exits 0 when nothing remains pending and there is no dead letter, 3 when events are still waiting after the deadline or dead letters wait to be retried or purged.")

    // Unconditional, so that `--deadline -5s` reaches the duration check instead of reading as a flag.
    @Option(parsing: .unconditional, help: "How long to try, e.g. 20s (default: delivery.deadline).") var deadline: String?
    @Flag(help: "Print the summary as JSON.") var json = false

    @OptionGroup var config: ConfigOptions

    func run() throws {
        try FlushRun(deadline: deadline, json: json, overrides: config.overrides).run()
    }
}

/// One `flush`, without ArgumentParser: the parsed command above and the fast path of `runFromCommandLine`
/// for the detached `gibson-hook flush` every post-commit starts (the root command's parser was the largest
/// share of that process's own work, and it is on the path from commit to event delivered).
struct FlushRun {
    var deadline: String?
    var json = false
    var overrides = ConfigOverrides()

    func run() throws {
        let env = CommandEnvironment.current()
        let root = try env.gibsonHook(overrides)
        let showProgress = env.stderr.isTerminal && !json
        let report = try root.flush(deadline: deadline, progress: showProgress ? { report in
            env.stderr.write("\r\u{1B}[Kdelivered \(report.delivered), retried \(report.retried), dead \(report.dead)")
        } : nil)
        if showProgress && report.delivered + report.retried + report.dead > 0 { env.stderr.write("\r\u{1B}[K") }
        if json {
            env.json(report.jsonValue)
        } else {
            env.stdout.write(Self.summary(report, style: env.outputStyle) + "\n")
        }
        if report.noSinks && report.remaining > 0 { env.noteNoSink() }
        for (sink, reason) in report.goneSinks.sorted(by: { $0.key < $1.key }) {
            env.warning("sink '\(sink)' answered 410 Gone (\(reason)); its events stay pending: fix its URL in the configuration")
        }
        for (sink, problem) in report.sinkProblems.sorted(by: { $0.key < $1.key }) {
            env.warning("sink '\(sink)' could not deliver everything; its last connection problem: \(problem)")
        }
        for endpoint in report.openBreakers {
            env.warning("'\(endpoint)' keeps failing; delivery to it is paused (circuit breaker open)")
        }
        if let hint = DeadLetterNotice.leasedHint(report) { env.note(hint) }
        if let notice = DeadLetterNotice.message(count: report.deadLetters) { env.warning(notice) }
        if report.remaining > 0 || report.deadLetters > 0 { throw ExitCode(HookExitCode.pending) }
    }

    /// `delivered 3, retried 0, dead 0, remaining 0`; `dead` counts every dead letter not yet retried or
    /// purged, this run's and earlier ones.
    static func summary(_ report: DeliveryReport, style: TerminalStyle) -> String {
        let remaining = "remaining \(report.remaining)"
        let dead = "dead \(report.deadLetters)"
        return "delivered \(report.delivered), retried \(report.retried), "
            + (report.deadLetters > 0 ? style.yellow(dead) : dead) + ", "
            + (report.remaining > 0 ? style.yellow(remaining) : remaining)
    }
}
