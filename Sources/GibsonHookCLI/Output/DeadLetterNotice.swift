import Foundation
import GibsonHookCore

/// The warning every command that looks at the outbox gives about dead letters nobody has dealt with.
enum DeadLetterNotice {
    /// `N events are dead letters …` with the commands that deal with them; nil when there are none.
    static func message(count: Int) -> String? {
        guard count > 0 else { return nil }
        let subject = count == 1 ? "1 event is a dead letter" : "\(count) events are dead letters"
        return "\(subject) (not delivered, not retried): see why with `gibson-hook outbox list --state dead`, "
            + "then `gibson-hook outbox retry --all-dead` or `gibson-hook outbox purge dead`"
    }

    /// The dead letters of the outbox `configuration` names, without creating it when it does not exist;
    /// nil when it cannot be read (the commands that open it report that).
    static func count(_ env: CommandEnvironment, _ configuration: Configuration) -> Int? {
        let path = env.context.statePaths.outboxDatabase(configuration)
        guard FileManager.default.fileExists(atPath: path), let store = try? OutboxStore(path: path) else { return nil }
        return try? store.deadCount()
    }

    /// The hint for a flush that found the remaining rows leased by another flush.
    static func leasedHint(_ report: DeliveryReport) -> String? {
        guard report.leasedElsewhere > 0 else { return nil }
        let pids = report.leaseHolders.map(String.init).joined(separator: ", ")
        let who = pids.isEmpty ? "another flush" : "another flush (pid \(pids))"
        let subject = report.leasedElsewhere == 1 ? "1 event is" : "\(report.leasedElsewhere) events are"
        return "\(subject) being delivered by \(who); they stay pending until it finishes"
    }
}
