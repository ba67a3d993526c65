import Foundation

/// Opens the outbox of a configuration with its event triggers armed: the one place any command or hook
/// opens the database.
enum OutboxOpening {
    /// The outbox database of `configuration` under `statePaths`. When event triggers are configured, each
    /// stored event that matches one also stores its workflow start, built by `events`; with none (the
    /// default, and every hook pays this open) nothing more is built.
    /// A damaged database is moved aside for a fresh one and `notice` told both paths.
    static func open(
        _ configuration: Configuration, statePaths: StatePaths, events: ProcessEvents, notice: @escaping (String) -> Void
    ) throws -> OutboxStore {
        let path = statePaths.outboxDatabase(configuration)
        // The state directory is made private only when the outbox lives in it (a configured path elsewhere
        // may share its directory with other files).
        let privateDirectory = (path as NSString).deletingLastPathComponent == statePaths.directory ? statePaths.directory : nil
        let store = try OutboxStore(path: path, privateDirectory: privateDirectory) { notice("\($0)") }
        guard !configuration.eventTriggers.isEmpty else { return store }
        let plan = try EventTriggerPlan(
            triggers: configuration.eventTriggers, workflows: configuration.workflows, actions: configuration.actions)
        store.fireTriggers(plan) { (effect: TriggerEffect) in events.factory.triggered(effect) }
        return store
    }
}
