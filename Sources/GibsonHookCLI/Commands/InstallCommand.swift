import ArgumentParser
import GibsonHookCore

/// `gibson-hook install`: wires the shims into the hooks directory git really uses.
struct InstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Install the git hook shims into this repository.",
        discussion: """
            Installs into the directory git runs hooks from: core.hooksPath when set, else the repository's \
            hooks directory (shared by every linked worktree). A hook already there is moved to \
            <hook>.pre-gibson-hook and still runs first, with the same arguments and stdin. Re-running is \
            safe. Submodules have their own hooks: run install inside each one.
            """)

    @Option(
        help: "Comma-separated hooks to wire, or 'all' (pre-commit, post-commit, pre-push, post-merge, post-checkout, post-rewrite).",
        completion: .list(["all"] + HookName.allCases.map(\.rawValue)))
    var hooks = HookName.defaults.map(\.rawValue).joined(separator: ",")

    @Flag(help: "Rewrite current shims too, and chain a foreign hook even when an older backup exists (kept under a numbered name).")
    var force = false

    @Option(help: "Absolute path the shims call first (default: this gibson-hook).")
    var binary: String?

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() throws {
        let env = CommandEnvironment.current()
        let wiring = env.context.hookWiring
        let report = try wiring.install(
            hooks: try HookName.parseList(hooks), binary: binary ?? env.context.executable ?? "gibson-hook", force: force)
        if json {
            env.json(report.json)
            return
        }
        let style = env.outputStyle
        if report.location.source == .coreHooksPath {
            env.stdout.write("core.hooksPath is set: installing into \(report.location.directory)\n")
        } else {
            env.stdout.write("hooks directory: \(report.location.directory)\n")
        }
        for result in report.results {
            var line = "\(style.green(result.action.rawValue)) \(result.hook.rawValue)"
            if let chained = result.chained { line += " (chains \(chained))" }
            if let backup = result.previousBackup { line += " (older backup kept as \(backup))" }
            env.stdout.write(line + "\n")
        }
        env.stdout.write("shims call \(report.binary)\n")
        if report.results.contains(where: { $0.hook == .preCommit }) { warnWhenGibsonIsUnhealthy(env) }
    }

    /// The pre-commit gate blocks commits while Gibson is unhealthy: say so now, not at the first commit.
    /// A healthy answer is cached, so the first commit does not probe again.
    private func warnWhenGibsonIsUnhealthy(_ env: CommandEnvironment) {
        guard let root = try? env.gibsonHook() else { return }
        let health = root.checkHealth(noCache: false)
        guard !health.healthy else { return }
        env.warning("gibson is unhealthy: \(health.summary); commits will be blocked until it is fixed")
        for remedy in root.remedies(for: health) { env.hint(remedy) }
    }
}
