import ArgumentParser
import Foundation
import GibsonHookCore

/// `gibson-hook emit`: store one event from flags, or NDJSON events from stdin, in the outbox.
struct EmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emit", abstract: "Store events in the durable outbox and print their ids.",
        discussion: """
            One event from flags, or with --ndjson one event per stdin line: a full CloudEvent (with specversion) \
            or {"type", "data", "topic", "key", "subject", "source"}. Short types such as project.updated get the \
            ai.gibson.hook. prefix. The command returns once the events are durable; --wait also delivers them.
            """)

    @Option(help: "Event type, e.g. project.updated or com.example.thing.") var type: String?
    @Option(help: "Event data: JSON text, or @file to read it from a file.") var data: String?
    @Option(help: "Kafka topic (default: routed by type).") var topic: String?
    @Option(help: "Record key (default: the configured partition key).") var key: String?
    @Option(help: "CloudEvents source (default: project.source or the host).") var source: String?
    @Option(help: "CloudEvents subject.") var subject: String?
    @Flag(help: "Read NDJSON events from stdin, one per line.") var ndjson = false
    @Option(name: .customLong("on-error"), help: "Bad NDJSON line: skip it or reject the whole input (skip|reject).")
    var onError: String = "skip"
    @Flag(help: "Deliver the events before returning.") var wait = false
    // Unconditional, so that `--deadline -5s` reaches the duration check instead of reading as a flag.
    @Option(parsing: .unconditional, help: "With --wait: how long to try, e.g. 20s.") var deadline: String?
    @Flag(help: "Print JSON.") var json = false

    @OptionGroup var config: ConfigOptions

    func run() throws {
        let env = CommandEnvironment.current()
        do {
            guard let policy = BadLinePolicy(rawValue: onError) else {
                throw UsageProblem(description: "invalid --on-error '\(onError)': use skip or reject")
            }
            let configuration = try env.loadConfiguration(config)
            // Checked before anything is stored, so a bad --deadline stops the command with nothing done.
            let seconds = try deadlineSeconds(deadline, configuration: configuration)
            let store = try env.openOutbox(configuration)
            let parser = EventInputParser(factory: env.makeEventFactory(configuration))
            let input = EmitInput(type: type, data: data, topic: topic, key: key, source: source, subject: subject)
            let result = try ndjson
                ? EventIngest(store: store, parser: parser, policy: policy).run(read: readStandardInput) { ids in
                    if !json { env.stdout.write(ids.map { $0 + "\n" }.joined()) }
                }
                : input.store(in: store, parser: parser, workingDirectory: env.workingDirectory)
            for bad in result.rejected { env.stderr.write("gibson-hook: line \(bad.line): \(bad.error)\n") }
            for duplicate in result.duplicates { env.stderr.write("gibson-hook: line \(duplicate.line): \(duplicate.description)\n") }
            if result.discarded { env.stderr.write("gibson-hook: nothing stored: \(result.rejected.count) bad line(s) rejected the input\n") }
            if !ndjson && !json { env.stdout.write(result.storedIDs.map { $0 + "\n" }.joined()) }
            var report: DeliveryReport?
            if wait && !result.storedIDs.isEmpty {
                let deliverer = Deliverer(store: store, sinks: env.makeEventSinks(configuration, store: store), configuration: configuration, clock: SystemClock())
                report = try deliverer.run(deadline: Date().addingTimeInterval(seconds))
            }
            if !configuration.sinks.anyConfigured && !result.storedIDs.isEmpty { env.noteNoSink() }
            if json { env.printJSON(EmitInput.json(result, report: report)) }
            if result.discarded { throw HookExitCode.usage.exit }
            if let report, report.remaining > 0 { throw HookExitCode.pending.exit }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw env.fail(error)
        }
    }
}

/// Reads standard input for `EventIngest`.
private func readStandardInput(_ buffer: UnsafeMutableRawBufferPointer) -> Int {
    while true {
        let count = read(0, buffer.baseAddress, buffer.count)
        if count >= 0 || errno != EINTR { return max(0, count) }
    }
}
