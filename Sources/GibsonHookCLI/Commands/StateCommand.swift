import ArgumentParser
import GibsonHookCore

/// `gibson-hook state backup|list|restore|prune`: backups of Gibson's state directory.
struct StateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state", abstract: "Back up and restore Gibson's state directory (gibson.stateDirectory).",
        subcommands: [StateBackupCommand.self, StateListCommand.self, StateRestoreCommand.self, StatePruneCommand.self])
}

/// The one line `state backup` and `state list` print per backup.
enum StateBackupLine {
    static func text(_ backup: StateBackup) -> String {
        "\(backup.id)  \(backup.createdAt.formatted(.iso8601))  \(backup.size) bytes  sha256:\(backup.checksum)\n"
    }
}

/// `state backup`: copies the state directory into a new backup.
struct StateBackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Back up Gibson's state directory now.",
        discussion: "Then removes the backups gibson.backups no longer keeps (keep: newest 10 by default; maxAge: none), never the new one.")
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var config: ConfigOptions

    func run() throws {
        let env = CommandEnvironment.current()
        let (backup, removed, pruneProblem) = try env.gibsonHook(config.overrides).backUpState()
        if let pruneProblem { env.warning("the backup was made, but older backups could not be removed: \(pruneProblem)") }
        if json {
            guard case .object(var summary) = backup.summaryJSON else { return env.json(backup.summaryJSON) }
            summary["removed"] = .array(removed.map { .string($0.id) })
            return env.json(.object(summary))
        }
        env.stdout.write(StateBackupLine.text(backup))
        for old in removed { env.stdout.write("removed \(old.id) (gibson.backups)\n") }
    }
}

/// `state list`: every backup, oldest first.
struct StateListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the state backups, oldest first.")
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var config: ConfigOptions

    func run() throws {
        let env = CommandEnvironment.current()
        let backups = try env.gibsonHook(config.overrides).stateBackups().list()
        if json { return env.json(.array(backups.map(\.summaryJSON))) }
        if backups.isEmpty { env.note("no state backups yet; run 'gibson-hook state backup'") }
        for backup in backups { env.stdout.write(StateBackupLine.text(backup)) }
    }
}
