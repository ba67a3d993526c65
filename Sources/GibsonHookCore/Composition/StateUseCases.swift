import Foundation

extension GibsonHook {
    /// `state …`: the backups of Gibson's state directory (`gibson.stateDirectory`), kept under
    /// `$GIBSON_HOOK_STATE_DIR/gibson-state-backups`.
    public func stateBackups() -> StateBackupStore {
        StateBackupStore(
            directory: statePaths.directory + "/gibson-state-backups",
            stateDirectory: expandHome(configuration.gibson.stateDirectory, environment: context.environment), clock: clock)
    }

    /// `state backup`: a backup now, then the retention of `gibson.backups` (the new backup is always kept).
    public func backUpState() throws -> (made: StateBackup, removed: [StateBackup], pruneProblem: StateBackupError?) {
        try stateBackups().backup(keeping: configuration.gibson.backups)
    }

    /// `state prune`: removes the backups beyond `keep` and older than `maxAge` seconds; each defaults to
    /// `gibson.backups` when not given.
    public func pruneStateBackups(keep: Int?, maxAge: Double?) throws -> [StateBackup] {
        let retention = configuration.gibson.backups
        return try stateBackups().prune(keep: keep ?? retention.keep, maxAge: maxAge ?? retention.maxAge?.seconds)
    }
}
