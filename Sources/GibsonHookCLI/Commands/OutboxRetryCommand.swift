import ArgumentParser
import GibsonHookCore

/// `gibson-hook outbox retry <id>... | --all-dead`: make dead letters pending again.
struct OutboxRetryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry", abstract: "Make dead letters pending again (delivered by the next flush).")

    @Argument(help: "Ids of dead events.") var ids: [String] = []
    @Flag(name: .customLong("all-dead"), help: "Retry every dead letter.") var allDead = false
    @Flag(help: "Print JSON.") var json = false

    @OptionGroup var config: ConfigOptions

    func validate() throws {
        if ids.isEmpty == !allDead { throw ValidationError("give event ids or --all-dead, not both") }
    }

    func run() throws {
        let env = CommandEnvironment.current()
        let store = try env.gibsonHook(config.overrides).openOutbox()
        let count = allDead ? try store.retryAllDead() : try store.retry(ids: ids)
        if json {
            env.json(["retried": .integer(Int64(count))])
        } else {
            env.stdout.write("\(count) dead deliveries pending again; run `gibson-hook flush` to send them\n")
        }
    }
}
