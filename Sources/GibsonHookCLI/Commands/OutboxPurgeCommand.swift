import ArgumentParser
import GibsonHookCore

/// `gibson-hook outbox purge --dead|--delivered|--all [--yes]`.
struct OutboxPurgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge", abstract: "Remove dead letters, delivered events, or everything.")

    @Flag(exclusivity: .exclusive, help: "What to remove.") var scope: Scope?
    @Flag(help: "Confirm removing everything, pending events included (needed with --all).") var yes = false
    @Flag(help: "Print JSON.") var json = false

    enum Scope: String, EnumerableFlag {
        case dead, delivered, all
    }

    @OptionGroup var config: ConfigOptions

    func validate() throws {
        guard let scope else { throw ValidationError("give one of --dead, --delivered or --all") }
        if scope == .all && !yes {
            throw ValidationError("--all also removes events not yet delivered: add --yes to confirm")
        }
    }

    func run() throws {
        let env = CommandEnvironment.current()
        let store = try env.gibsonHook(config.overrides).openOutbox()
        let removed = try store.purge(OutboxPurgeScope(rawValue: scope!.rawValue)!)
        if json {
            env.json(["removedEvents": .integer(Int64(removed))])
        } else {
            env.stdout.write("removed \(removed) event(s)\n")
        }
    }
}
