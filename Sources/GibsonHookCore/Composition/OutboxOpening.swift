import Foundation

/// Opens the outbox of a configuration with its event triggers armed: the one place any command or hook
/// opens the database.
enum OutboxOpening {
    /// The outbox database of `configuration` under `statePaths`. When event triggers are configured, each
    /// stored event that matches one also stores its workflow start, built by `events`; with none (the
    /// default, and every hook pays this open) nothing more is built.
    static func open(_ configuration: Configuration, statePaths: StatePaths, events: ProcessEvents) throws -> OutboxStore {
        let store = try OutboxStore(path: statePaths.outboxDatabase(configuration))
        guard !configuration.eventTriggers.isEmpty else { return store }
        let plan = try EventTriggerPlan(triggers: configuration.eventTriggers, workflows: configuration.workflows)
        store.fireTriggers(plan) { events.factory.workflowStart($0) }
        return store
    }
}
