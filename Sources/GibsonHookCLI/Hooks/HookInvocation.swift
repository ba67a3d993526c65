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
        let root: GibsonHook
        do {
            root = try env.gibsonHook()
        } catch {
            let exit = env.present(error)
            // Only the gate blocks on a broken configuration; other hooks must never fail git.
            if hook.failsClosed { throw exit }
            return
        }
        let readsStdin = hook == .prePush || hook == .postRewrite
        let stdin = readsStdin ? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) : ""
        let result = root.runHook(hook, arguments: gitArguments, stdin: stdin, noCache: noCache)
        if json { env.json(result.json) }
        HookReport(env: env).write(result)
        if result.exitCode != .success { throw ExitCode(result.exitCode) }
    }
}
