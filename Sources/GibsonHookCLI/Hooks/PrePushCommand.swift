import ArgumentParser
import GibsonHookCore

/// `gibson-hook pre-push`, run by the pre-push shim with git's arguments.
struct PrePushCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pre-push",
        abstract: "Store the push event (refs from stdin); run the health gate too when hooks.prePushHealthGate is set.",
        discussion: "Run by the git hook shim that 'gibson-hook install' writes. GIBSON_HOOK=0 makes it exit 0 at once.")

    @OptionGroup var hook: HookInvocation

    func run() throws {
        try hook.run(.prePush)
    }
}
