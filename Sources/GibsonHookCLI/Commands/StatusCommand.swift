import ArgumentParser
import GibsonHookCore

/// `gibson-hook status`: which hooks are wired, where, with which binary, and whether they are current.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show which git hooks are wired to gibson-hook.")

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() throws {
        let env = CommandEnvironment.current()
        let wiring = env.context.hookWiring
        let report = try wiring.status()
        // Dead letters are never silent: status warns on stderr (a configuration it cannot load: no warning).
        if let loaded = try? env.loadConfiguration(ConfigOverrides(), quiet: true),
            let notice = DeadLetterNotice.count(env, loaded.configuration).flatMap(DeadLetterNotice.message)
        {
            env.warning(notice)
        }
        if json {
            env.json(report.json)
            return
        }
        let style = env.outputStyle
        let source = report.location.source == .coreHooksPath ? " (core.hooksPath)" : ""
        env.stdout.write("hooks directory: \(report.location.directory)\(source)\n")
        for status in report.hooks {
            let name = status.hook.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)
            var line: String
            switch status.state {
            case .absent: line = style.dim("not wired")
            case .foreign: line = style.yellow("not wired") + " (another hook is there; run gibson-hook install to chain it)"
            case .shim:
                line = status.current ? style.green("wired") : style.yellow("wired, stale") + " (run gibson-hook install)"
                line += " → \(status.binary ?? "?")"
                if !status.binaryExists { line += " " + style.red("(missing)") }
            }
            if let chained = status.chained, status.state == .shim { line += ", chains \(chained)" }
            env.stdout.write(name + line + "\n")
        }
    }
}
