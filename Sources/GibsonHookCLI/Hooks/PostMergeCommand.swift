import ArgumentParser
import GibsonHookCore

/// `gibson-hook post-merge`, run by the post-merge shim with git's arguments.
struct PostMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "post-merge",
        abstract: "Store the merge event.",
        discussion: "Run by the git hook shim that 'gibson-hook install' writes. GIBSON_HOOK=0 makes it exit 0 at once.")

    @OptionGroup var hook: HookInvocation

    func run() throws {
        try hook.run(.postMerge)
    }
}
