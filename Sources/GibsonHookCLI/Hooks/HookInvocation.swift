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
        // The shim already skips gibson-hook with GIBSON_HOOK=0; this covers a hook command run by hand.
        if env.environment["GIBSON_HOOK"] == "0" { return }
        let readsStdin = hook == .prePush || hook == .postRewrite
        let stdin = readsStdin ? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) : ""
        do {
            let root = try env.gibsonHook()
            let result = root.runHook(hook, arguments: gitArguments, stdin: stdin, noCache: noCache)
            if json { env.json(result.json) }
            HookReport(env: env).write(result)
            if result.exitCode != .success { throw ExitCode(result.exitCode) }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            let exit = env.present(error)
            // Only the gate blocks on a broken configuration; other hooks must never fail git.
            if hook.failsClosed { throw exit }
            storeWithDefaults(hook, stdin: stdin, env: env)
        }
    }

    /// A hook other than the gate whose configuration is unusable still stores its event: with the embedded
    /// defaults (no sink, the default outbox), so a flush once the file is fixed delivers it. Nothing of the
    /// broken file is used, and nothing is delivered now.
    private func storeWithDefaults(_ hook: HookName, stdin: String, env: CommandEnvironment) {
        let root = GibsonHook(configuration: Configuration(), context: env.context) { env.warning($0) }
        let result = root.runHook(hook, arguments: gitArguments, stdin: stdin)
        if json { env.json(result.json) }
        HookReport(env: env).write(result)
        guard result.recordFailure == nil, !result.recorded.isEmpty else { return }
        env.warning(
            "stored the \(hook.rawValue) event with the built-in defaults in '\(root.statePaths.outboxDatabase(root.configuration))' "
                + "and delivered nothing: fix the configuration, then run 'gibson-hook flush'")
    }
}
