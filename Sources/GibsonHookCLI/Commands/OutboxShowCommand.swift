import ArgumentParser
import GibsonHookCore

/// `gibson-hook outbox show <id>`: one event as stored, with its delivery rows.
struct OutboxShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one event and its deliveries.")

    @Argument(help: "The event id.") var id: String
    @Option(help: "The event's source, needed when events of several sources share the id.") var source: String?
    @Flag(help: "Print JSON.") var json = false

    @OptionGroup var config: ConfigOptions

    func run() throws {
        let env = CommandEnvironment.current()
        let store = try env.gibsonHook(config.overrides).openOutbox()
        let (outbound, deliveries) = try store.show(id: id, source: source)
        if json {
            env.json([
                "event": outbound.event.jsonObject, "topic": .string(outbound.topic),
                "key": outbound.key.map { .string($0) } ?? .null, "deliveries": .array(deliveries.map(\.jsonValue)),
            ])
            return
        }
        env.stdout.write("topic: \(outbound.topic)\nkey: \(outbound.key ?? "-")\n")
        for row in deliveries {
            let error = row.lastError.map { " (\($0))" } ?? ""
            env.stdout.write("sink \(row.sink ?? "-"): \(row.state), \(row.attempts) attempt(s)\(error)\n")
        }
        env.stdout.write(outbound.event.jsonObject.prettySerialized() + "\n")
    }
}
