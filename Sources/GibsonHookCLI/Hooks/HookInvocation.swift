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
        let status = HookRun(hook: hook, gitArguments: gitArguments, json: json, noCache: noCache).run()
        if status != 0 { throw ExitCode(status) }
    }
}

/// One hook run as git starts it, without ArgumentParser: the parsed command above and the fast path of
/// `runFromCommandLine` (`HookFastPath`) both end here, so a hook behaves the same whichever parsed it.
struct HookRun {
    var hook: HookName
    var gitArguments: [String]
    var json = false
    var noCache = false

    /// Runs the hook; returns the process's exit status (0 when git may go on).
    func run() -> Int32 {
        let env = CommandEnvironment.current()
        // The shim already skips gibson-hook with GIBSON_HOOK=0; this covers a hook command run by hand.
        if env.environment["GIBSON_HOOK"] == "0" { return 0 }
        let readsStdin = hook == .prePush || hook == .postRewrite
        let stdin = readsStdin ? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) : ""
        do {
            let root = try env.gibsonHook()
            let result = root.runHook(hook, arguments: gitArguments, stdin: stdin, noCache: noCache)
            if json { env.json(result.json) }
            HookReport(env: env).write(result)
            return result.exitCode.rawValue
        } catch {
            let exit = env.present(error)
            // Only the gate blocks on a broken configuration; other hooks must never fail git.
            if hook.failsClosed { return exit.rawValue }
            storeWithDefaults(stdin: stdin, env: env)
            return 0
        }
    }

    /// A hook other than the gate whose configuration is unusable still stores its event: with the embedded
    /// defaults (no sink, the default outbox), so a flush once the file is fixed delivers it. Nothing of the
    /// broken file is used, and nothing is delivered now.
    private func storeWithDefaults(stdin: String, env: CommandEnvironment) {
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

/// `gibson-hook <hook> [git's arguments]` exactly as the shims run it, recognised before ArgumentParser:
/// building and running its parser (reflection over the command's property wrappers, the completion-script
/// check) is a large share of a hook's start-up, paid on every commit. Any argument that starts with `-`
/// (`--json`, `--no-cache`, `--help`, `--`) sends the whole command line through ArgumentParser as before.
enum HookFastPath {
    /// The hook run for `arguments` (argv without the program name), or nil when ArgumentParser must parse them.
    static func parse(_ arguments: [String]) -> HookRun? {
        guard let name = arguments.first, let hook = HookName(rawValue: name) else { return nil }
        let rest = Array(arguments.dropFirst())
        guard !rest.contains(where: { $0.hasPrefix("-") }) else { return nil }
        return HookRun(hook: hook, gitArguments: rest)
    }
}
