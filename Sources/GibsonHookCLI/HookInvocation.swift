import ArgumentParser
import Foundation
import GibsonHookCore

/// The flags every hook command shares, and the one place a hook command runs the core and reports.
struct HookInvocation: ParsableArguments {
    @Argument(help: "The arguments git passes to the hook.")
    var gitArguments: [String] = []

    @Flag(help: "Print what the hook did as JSON.")
    var json = false

    /// Runs `hook` and exits with its status. Only hooks that git feeds stdin read it.
    func run(_ hook: HookName, noCache: Bool = false) throws {
        let env = CommandEnvironment.current()
        if env.environment["GIBSON_HOOK"] == "0" { return }
        let configuration: Configuration
        do {
            configuration = try env.loadConfiguration()
        } catch {
            env.stderr.write(env.errorStyle.red("gibson-hook: error: ") + "\(error)\n")
            // Only the gate blocks on a broken configuration; other hooks must never fail git.
            if hook.failsClosed { throw ExitCode(HookExitCode.usage.rawValue) }
            return
        }
        let readsStdin = hook == .prePush || hook == .postRewrite
        let stdin = readsStdin ? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) : ""
        let options = HookRunOptions(
            hook: hook, arguments: gitArguments, stdin: stdin, configuration: configuration,
            environment: env.environment, workingDirectory: env.workingDirectory, statePaths: env.statePaths,
            noCache: noCache)
        let result = HookRunner(HookCollaborators.live(env: env, configuration: configuration)).run(options)
        if json { env.stdout.write(result.json.prettySerialized() + "\n") }
        HookReport(env: env, hook: hook).write(result)
        if result.exitCode != .success { throw ExitCode(result.exitCode.rawValue) }
    }
}

/// The real collaborators of a hook run.
enum HookCollaborators {
    static func live(env: CommandEnvironment, configuration: Configuration) -> HookRunner.Collaborators {
        let runner = PosixProcessRunner()
        let executable = ExecutablePath.resolve(
            argv0: CommandLine.arguments[0], workingDirectory: env.workingDirectory, environment: env.environment)
        // One outbox per hook process, opened on first use: the gate's events and its remote recovery start
        // share it with the hook's own event.
        let outbox = LazyOutbox { try env.openOutbox(configuration) }
        return HookRunner.Collaborators(
            readContext: { try RepositoryContextReader.read(workingDirectory: $0, environment: $1, options: $2) },
            openOutbox: { try outbox.store() },
            gate: { options, _ in
                // Recovery goes to Temporal first (through the outbox, so a retry never starts a second run)
                // and falls back to local recovery when the engine is not configured or unreachable.
                let starter = LazyWorkflowStarter(outbox: outbox) {
                    OutboxWorkflowStarter(store: $0, configuration: configuration, environment: env.environment, clock: SystemClock())
                }
                return HealthGate(clock: SystemClock(), runner: runner, starter: starter, recorder: outbox).run(options)
            },
            launcher: DetachedFlushLauncher(executable: executable ?? "gibson-hook"), runner: runner, clock: SystemClock())
    }
}
