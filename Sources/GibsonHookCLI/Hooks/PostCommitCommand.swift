import ArgumentParser
import GibsonHookCore

/// `gibson-hook post-commit`, run by the post-commit shim with git's arguments.
struct PostCommitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "post-commit",
        abstract: "Store the commit event, deliver it in the background, run hooks.postCommitActions.",
        discussion: "Run by the git hook shim that 'gibson-hook install' writes. GIBSON_HOOK=0 makes it exit 0 at once.")

    @OptionGroup var hook: HookInvocation

    func run() throws {
        try hook.run(.postCommit)
    }
}
