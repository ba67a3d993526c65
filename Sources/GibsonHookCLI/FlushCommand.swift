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
        let env = CommandEnvironment.current()
        do {
            let configuration = try env.loadConfiguration(config)
            let seconds = try deadlineSeconds(deadline, configuration: configuration)
            let store = try env.openOutbox(configuration)
            let showProgress = env.stderr.isTerminal && !json
            let deliverer = Deliverer(
                store: store, sinks: env.makeEventSinks(configuration, store: store), configuration: configuration,
                clock: SystemClock(),
                progress: showProgress ? { report in
                    env.stderr.write("\r\u{1B}[Kdelivered \(report.delivered), retried \(report.retried), dead \(report.dead)")
                } : nil)
            let report = try deliverer.run(deadline: Date().addingTimeInterval(seconds))
            if showProgress && report.delivered + report.retried + report.dead > 0 { env.stderr.write("\r\u{1B}[K") }
            if json {
                env.printJSON(report.jsonValue)
            } else {
                env.stdout.write(Self.summary(report, style: env.outputStyle) + "\n")
            }
            if report.noSinks && report.remaining > 0 { env.noteNoSink() }
            for (sink, reason) in report.goneSinks.sorted(by: { $0.key < $1.key }) {
                env.stderr.write("gibson-hook: sink '\(sink)' answered 410 Gone (\(reason)); its events stay pending: fix its URL in the configuration\n")
            }
            for endpoint in report.openBreakers {
                env.stderr.write("gibson-hook: '\(endpoint)' keeps failing; delivery to it is paused (circuit breaker open)\n")
            }
            if let hint = DeadLetterNotice.leasedHint(report) { env.stderr.write("gibson-hook: \(hint)\n") }
            if let notice = DeadLetterNotice.message(count: report.deadLetters) {
                env.stderr.write(env.errorStyle.yellow("gibson-hook: \(notice)") + "\n")
            }
            if report.remaining > 0 || report.deadLetters > 0 { throw HookExitCode.pending.exit }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw env.fail(error)
        }
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
