import ArgumentParser
import Foundation
import GibsonHookCore

/// `gibson-hook outbox`: look into the durable outbox, retry dead letters, purge.
struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox", abstract: "Inspect and manage the durable event outbox.",
        subcommands: [
            OutboxListCommand.self,
            OutboxShowCommand.self,
            OutboxRetryCommand.self,
            OutboxPurgeCommand.self,
            OutboxRecoverCommand.self,
        ])
}

/// `gibson-hook outbox list`.
struct OutboxListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List events and their delivery state per sink.")

    @Option(help: "Only rows in this state: pending, delivered or dead.") var state: String?
    @Option(help: "Only rows for this sink (kafka, cloudevents, temporal).") var sink: String?
    @Option(help: "At most this many rows.") var limit: Int = 100
    @Flag(help: "Print JSON.") var json = false

    @OptionGroup var config: ConfigOptions

    func run() throws {
        let env = CommandEnvironment.current()
        let store = try env.gibsonHook(config.overrides).openOutbox()
        let entries = try store.list(state: state, sink: sink, limit: max(0, limit))
        if json {
            env.json(.array(entries.map(\.jsonValue)))
            return
        }
        for entry in entries {
            let error = entry.lastError.map { "  " + $0 } ?? ""
            env.stdout.write(
                "\(entry.id)  \(entry.state)  \(entry.sink ?? "-")  \(entry.attempts)  \(entry.type)  \(entry.topic)\(error)\n")
        }
    }
}
