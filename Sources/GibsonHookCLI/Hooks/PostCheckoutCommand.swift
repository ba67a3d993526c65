import ArgumentParser
import GibsonHookCore

/// `gibson-hook post-checkout`, run by the post-checkout shim with git's arguments.
struct PostCheckoutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "post-checkout",
        abstract: "Store a project context switch event when a branch is checked out (file checkouts emit nothing).",
        discussion: "Run by the git hook shim that 'gibson-hook install' writes. GIBSON_HOOK=0 makes it exit 0 at once.")

    @OptionGroup var hook: HookInvocation

    func run() throws {
        try hook.run(.postCheckout)
    }
}
