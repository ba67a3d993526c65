import Foundation

extension GibsonHook {
    /// `state …`: the backups of Gibson's state directory (`gibson.stateDirectory`), kept under
    /// `$GIBSON_HOOK_STATE_DIR/gibson-state-backups`.
    public func stateBackups() -> StateBackupStore {
        StateBackupStore(
            directory: statePaths.directory + "/gibson-state-backups",
            stateDirectory: expandHome(configuration.gibson.stateDirectory, environment: context.environment), clock: clock)
    }
}
