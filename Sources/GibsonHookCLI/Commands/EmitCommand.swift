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
    @Option(
        name: .customLong("on-error"), help: "Bad NDJSON line: skip it or reject the whole input (skip|reject).",
        completion: .list(["skip", "reject"]))
    var onError: String = "skip"
    @Flag(help: "Deliver the events before returning.") var wait = false
    @Flag(help: "Reject data that breaks its type's JSON Schema (--data, or an --ndjson line) instead of storing it with a warning.") var strict = false
    // Unconditional, so that `--deadline -5s` reaches the duration check instead of reading as a flag.
    @Option(parsing: .unconditional, help: "With --wait: how long to try, e.g. 20s.") var deadline: String?
    @Flag(help: "Print JSON.") var json = false

    @OptionGroup var config: ConfigOptions

    func run() throws {
        let env = CommandEnvironment.current()
        let root = try env.gibsonHook(config.overrides)
        var request = EmitRequest()
        (request.type, request.data, request.topic, request.key, request.source, request.subject) = (type, data, topic, key, source, subject)
        (request.ndjson, request.onError, request.wait, request.deadline) = (ndjson, onError, wait, deadline)
        request.strict = strict
        let outcome = try root.emit(request, read: readStandardInput) { ids in
            if ndjson && !json { env.stdout.write(ids.map { $0 + "\n" }.joined()) }
        }
        let result = outcome.ingest
        for violation in outcome.schemaViolations {
            if ndjson, let colon = violation.range(of: ": ") {  // "line N: what": the line first, as for bad lines
                env.warning(violation[..<colon.lowerBound] + ": the data breaks its type's JSON Schema: " + violation[colon.upperBound...])
            } else {
                env.warning("the data breaks its type's JSON Schema: \(violation)")
            }
        }
        for bad in result.rejected { env.warning("line \(bad.line): \(bad.error)") }
        for duplicate in result.duplicates { env.note("line \(duplicate.line): \(duplicate.description)") }
        if result.discarded { env.error("nothing stored: \(result.rejected.count) bad line(s) rejected the input") }
        if !ndjson && !json { env.stdout.write(result.storedIDs.map { $0 + "\n" }.joined()) }
        if outcome.noSinkConfigured { env.noteNoSink() }
        if let delivery = outcome.delivery, let notice = DeadLetterNotice.message(count: delivery.deadLetters) {
            env.warning(notice)
        }
        if json { env.json(outcome.json) }
        if outcome.exitCode != .success { throw ExitCode(outcome.exitCode) }
    }
}

/// Reads standard input for `EventIngest`.
private func readStandardInput(_ buffer: UnsafeMutableRawBufferPointer) -> Int {
    while true {
        let count = read(0, buffer.baseAddress, buffer.count)
        if count >= 0 || errno != EINTR { return max(0, count) }
    }
}
