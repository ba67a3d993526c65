import ArgumentParser
import Foundation
import GibsonHookCore

/// `gibson-hook outbox recover PATH`: copy what is readable from a damaged outbox into the current one.
struct OutboxRecoverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recover", abstract: "Copy the readable events of a damaged outbox into the current one.",
        discussion: """
            A damaged outbox is moved aside to <outbox>.damaged-<time> (with its -wal and -shm) and a fresh one \
            is started. This reads the moved file's events in order, skipping damaged pages, and stores them \
            as pending; events it shows as delivered everywhere are skipped. The damaged file is kept.
            """)

    @Argument(help: "The damaged outbox file, e.g. outbox.sqlite3.damaged-20270115T080000Z.") var path: String
    @Flag(help: "Print JSON.") var json = false

    @OptionGroup var config: ConfigOptions

    func run() throws {
        let env = CommandEnvironment.current()
        let store = try env.gibsonHook(config.overrides).openOutbox()
        let damaged = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: env.context.workingDirectory, isDirectory: true)).path
        let report = try store.recover(from: damaged)
        if json {
            env.json(report.jsonValue)
            return
        }
        env.stdout.write(
            "recovered \(report.recovered) event(s) from '\(damaged)' into '\(store.path)': "
                + "\(report.alreadyStored) already there, \(report.delivered) delivered before, "
                + "\(report.unreadableEvents) unreadable, \(report.damagedStretches) damaged stretch(es) skipped; "
                + "the damaged file is kept\n")
    }
}
