import Foundation

extension GibsonHook {
    /// Runs `hook` with git's `arguments` and `stdin`: the gate, the hook's event, background delivery and
    /// post-commit actions. Never fails: problems are in the result, which maps to the exit code.
    public func runHook(_ hook: HookName, arguments: [String], stdin: String, noCache: Bool = false) -> HookRunResult {
        let options = HookRunOptions(
            hook: hook, arguments: arguments, stdin: stdin, configuration: configuration,
            environment: context.environment, workingDirectory: context.workingDirectory, statePaths: statePaths,
            noCache: noCache)
        return HookRunner(hookCollaborators).run(options)
    }

    /// The real collaborators of a hook run. One outbox per process, opened on first use: the gate's events
    /// and its remote recovery start share it with the hook's own event.
    var hookCollaborators: HookRunner.Collaborators {
        let executable = context.executable ?? "gibson-hook"
        let gate = HealthGate(
            clock: clock, runner: runner, starter: starter, recorder: outbox,
            revalidator: DetachedHealthRevalidationLauncher(executable: executable))
        return HookRunner.Collaborators(
            readContext: { try RepositoryContextReader.read(workingDirectory: $0, environment: $1, options: $2) },
            openOutbox: { [outbox] in try outbox.store() },
            // Recovery goes to Temporal first (through the outbox, so a retry never starts a second run) and
            // falls back to local recovery when the engine is not configured or unreachable.
            gate: { gate.run($0) },
            eventFactory: { [events] context in
                events.describe(context)
                return events.factory
            },
            launcher: DetachedFlushLauncher(executable: executable), runner: runner,
            clock: clock)
    }
}
