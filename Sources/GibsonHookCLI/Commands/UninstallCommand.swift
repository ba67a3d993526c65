import ArgumentParser
import GibsonHookCore

/// `gibson-hook uninstall`: removes our shims and puts back the hooks they chained, byte for byte.
struct UninstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uninstall",
        abstract: "Remove the gibson-hook shims and restore the hooks they replaced.",
        discussion: "Only files carrying the gibson-hook shim marker are removed; other hooks are left alone.")

    @Option(help: "Comma-separated hooks to unwire, or 'all'.", completion: .list(["all"] + HookName.allCases.map(\.rawValue)))
    var hooks = "all"

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() throws {
        let env = CommandEnvironment.current()
        let wiring = env.context.hookWiring
        let report = try wiring.uninstall(hooks: try HookName.parseList(hooks))
        if json {
            env.json(report.json)
            return
        }
        env.stdout.write("hooks directory: \(report.location.directory)\n")
        for result in report.results {
            switch result.action {
            case .removed: env.stdout.write("removed \(result.hook.rawValue)\n")
            case .restored: env.stdout.write("removed \(result.hook.rawValue), restored the hook it chained\n")
            case .foreign: env.stdout.write("left \(result.hook.rawValue) alone: not a gibson-hook shim\n")
            case .absent: break
            }
        }
    }
}
