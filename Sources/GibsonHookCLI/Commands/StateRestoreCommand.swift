import ArgumentParser
import GibsonHookCore

/// `state restore ID`: puts a verified backup back, byte for byte, after backing up what it replaces.
struct StateRestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Restore a state backup (verified first; the current state is backed up).")
    @Argument(help: "The backup id (see 'gibson-hook state list').") var id: String
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var config: ConfigOptions

    func run() throws {
        let env = CommandEnvironment.current()
        let store = try env.gibsonHook(config.overrides).stateBackups()
        let (restored, previous) = try store.restore(id)
        if json {
            return env.json(["restored": restored.summaryJSON, "previous": previous?.summaryJSON ?? .null])
        }
        if let previous { env.stdout.write("backed up the replaced state as \(previous.id)\n") }
        env.stdout.write("restored \(restored.id) into \(store.stateDirectory)\n")
    }
}

/// `state prune`: removes old backups.
struct StatePruneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "prune", abstract: "Remove old state backups.")
    @Option(help: "How many of the newest backups to keep (default: gibson.backups.keep, 10).") var keep: Int?
    @Option(name: .customLong("older-than"), help: "Also remove backups older than this, e.g. 30d or 12h (default: gibson.backups.maxAge).")
    var olderThan: String?
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var config: ConfigOptions

    // Checked here, not in run(), so that a usage error shows this command's usage line.
    func validate() throws {
        if let keep, keep < 0 { throw ValidationError("--keep must be 0 or more, not '\(keep)'") }
        if let olderThan, DurationValue(parsing: olderThan) == nil {
            throw ValidationError("'\(olderThan)' is not a duration: give a number with s, m, h or d, e.g. 30d")
        }
    }

    func run() throws {
        let env = CommandEnvironment.current()
        let maxAge = olderThan.flatMap(DurationValue.init(parsing:))?.seconds
        let removed = try env.gibsonHook(config.overrides).pruneStateBackups(keep: keep, maxAge: maxAge)
        if json { return env.json(.array(removed.map(\.summaryJSON))) }
        for backup in removed { env.stdout.write("removed \(backup.id)\n") }
        env.stdout.write("\(removed.count) backup(s) removed\n")
    }
}
