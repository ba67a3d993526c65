import ArgumentParser
import GibsonHookCore

/// `gibson-hook post-rewrite`, run by the post-rewrite shim with git's arguments.
struct PostRewriteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "post-rewrite",
        abstract: "Store the rewrite event (amend or rebase; old and new commits from stdin).",
        discussion: "Run by the git hook shim that 'gibson-hook install' writes. GIBSON_HOOK=0 makes it exit 0 at once.")

    @OptionGroup var hook: HookInvocation

    func run() throws {
        try hook.run(.postRewrite)
    }
}
