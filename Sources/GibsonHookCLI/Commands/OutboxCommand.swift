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

    @Option(help: "Only rows in this state: pending, delivered or dead.", completion: .list(["pending", "delivered", "dead"]))
    var state: String?
    @Option(help: "Only rows for this sink (kafka, cloudevents, temporal).", completion: .list(SinkRegistry.names))
    var sink: String?
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
        guard !entries.isEmpty else { return }
        let rows = [["ID", "STATE", "SINK", "ATTEMPTS", "TYPE", "TOPIC", "LAST ERROR"]] + entries.map {
            [$0.id, "\($0.state)", $0.sink ?? "-", "\($0.attempts)", $0.type, $0.topic, $0.lastError ?? ""]
        }
        env.stdout.write(Self.table(rows))
    }

    /// Left-aligned columns two spaces apart; the last column is not padded.
    static func table(_ rows: [[String]]) -> String {
        let widths = (0..<(rows.first?.count ?? 0)).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }.joined(separator: "\n") + "\n"
    }
}
