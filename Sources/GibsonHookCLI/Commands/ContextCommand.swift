import ArgumentParser
import GibsonHookCore

/// `gibson-hook context`: what git sees here (repository, HEAD, commit, staged files, remote).
struct ContextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "context",
        abstract: "Show the repository, HEAD commit, staged files and remote, read with libgit2.",
        discussion: """
            Honours GIT_DIR, GIT_WORK_TREE, GIT_INDEX_FILE and GIT_COMMON_DIR as git does, so inside a \
            pre-commit hook `staged` lists exactly what is being committed. Exits 4 outside a repository.
            """)

    @Flag(name: .long, help: "Print the documented JSON object instead of text.")
    var json = false

    @Flag(name: .customLong("no-files"), help: "Leave out the changed and staged file lists (faster in huge commits).")
    var noFiles = false

    func run() throws {
        let env = CommandEnvironment.current()
        let options = ContextOptions(includeStaged: !noFiles, includeChangedFiles: !noFiles)
        let context = try env.context.readRepository(options)
        if json { env.json(context.json) } else { env.stdout.write(context.textReport) }
    }
}
