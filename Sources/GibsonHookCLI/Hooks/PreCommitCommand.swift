import ArgumentParser
import GibsonHookCore

/// `gibson-hook pre-commit`, run by the pre-commit shim with git's arguments.
struct PreCommitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pre-commit",
        abstract: "The health gate: exit 0 when gibson is healthy (or cached healthy), else recover and re-check; 1 when it stays broken.",
        discussion: "Run by the git hook shim that 'gibson-hook install' writes. GIBSON_HOOK=0 makes it exit 0 at once.")

    @OptionGroup var hook: HookInvocation

    @Flag(help: "Probe gibson even when a recent healthy result is cached.")
    var noCache = false

    func run() throws {
        try hook.run(.preCommit, noCache: noCache)
    }
}
