import ArgumentParser
import Foundation
import GibsonHookCore

/// Set by SIGTERM and SIGINT: `listen` finishes the request in hand, delivers, reports and exits.
nonisolated(unsafe) private var listenStopRequested: sig_atomic_t = 0

/// `gibson-hook listen`: receive events from other machines and fire eventTriggers on them.
struct ListenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "listen", abstract: "Receive CloudEvents from other machines and fire eventTriggers on them.",
        discussion: """
            Sources: the CloudEvents webhook (listen.webhook.address: structured, binary and batch mode, the \
            webhook validation handshake, optional bearer token), a Kafka consumer group (listen.kafka.topics, \
            listen.kafka.group: binary and structured CloudEvents), Temporal workflow starts \
            (listen.temporal.workflowTypes) and Docker container events (listen.docker.socket). A request is \
            answered 202, Kafka offsets are committed and cursors move only once its events and everything \
            their triggers ask for (workflow starts, emit:<topic> copies, run:<name> actions) are stored in the \
            outbox in one transaction; an event received again (same source and id) fires nothing. Runs until \
            SIGTERM or SIGINT; --once stops once every source has been read and no request came for a second. \
            Exits 3 when dead letters are waiting.
            """)

    @Flag(help: "Process what arrives until the sources are idle for a second, deliver, and exit.") var once = false
    @Flag(help: "Print one JSON object per event and a summary object at the end.") var json = false

    @OptionGroup var config: ConfigOptions

    func run() throws {
        let env = CommandEnvironment.current()
        let root = try env.gibsonHook(config.overrides)
        signal(SIGTERM) { _ in listenStopRequested = 1 }
        signal(SIGINT) { _ in listenStopRequested = 1 }
        let report = try root.listen(
            ListenOptions(once: once), shouldStop: { listenStopRequested != 0 },
            ready: { env.note("listening: \($0)") },
            heard: { outcome in
                if json {
                    env.stdout.write(JSONValue.object([
                        "id": .string(outcome.id), "source": .string(outcome.source), "type": .string(outcome.type),
                        "origin": .string(outcome.origin), "duplicate": .bool(outcome.duplicate),
                        "effects": .integer(Int64(outcome.effects)),
                    ]).serialized() + "\n")
                } else if outcome.duplicate {
                    env.stdout.write("duplicate \(outcome.type) '\(outcome.id)' from \(outcome.source): already received, nothing fired\n")
                } else {
                    env.stdout.write("received \(outcome.type) '\(outcome.id)' from \(outcome.source): \(outcome.effects) effects\n")
                }
            },
            loop: { env.warning($0.description) }, warning: { env.warning($0) })
        if json {
            env.stdout.write(report.jsonValue.serialized() + "\n")
        } else {
            env.stdout.write("received \(report.received), duplicates \(report.duplicates), effects \(report.effects)\n")
        }
        if let notice = DeadLetterNotice.message(count: report.delivery?.deadLetters ?? 0) { env.warning(notice) }
        if (report.delivery?.deadLetters ?? 0) > 0 { throw ExitCode(HookExitCode.pending) }
    }
}
