import ArgumentParser
import GibsonHookCore

/// `gibson-hook status`: the one screen a person looks at: Gibson's recorded health and history, the outbox
/// per sink, the hooks' wiring and the service units. Reads state only: no Gibson process, no network.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show Gibson's health, the outbox, the hooks and the service on one screen.",
        discussion: """
            Reads state only (the outbox, the hooks directory, the unit files): it starts no Gibson process and \
            makes no request, so it answers at once. Health is the last recorded check (run 'gibson-hook health' \
            to check now). --json prints the keys documented in docs/status.md.
            """)

    @Flag(help: "Print the result as JSON.")
    var json = false

    @OptionGroup var config: ConfigOptions

    func run() throws {
        let env = CommandEnvironment.current()
        let root: GibsonHook
        do {
            root = try env.gibsonHook(config.overrides)
        } catch let error as ConfigError {
            // The wiring needs no configuration: a person still sees it, then the error that stops the rest.
            if !json, let wiring = try? env.context.hookWiring.status() {
                env.stdout.write(StatusScreen.hooks(wiring, style: env.outputStyle).map { $0 + "\n" }.joined())
            }
            throw error
        }
        let report = try root.status()
        // Dead letters are never silent: status warns on stderr too.
        if let notice = DeadLetterNotice.message(count: report.dead) { env.warning(notice) }
        if json {
            env.json(report.json)
        } else {
            env.stdout.write(StatusScreen(report: report, style: env.outputStyle).text)
        }
    }
}
