import Foundation

extension GibsonHook {
    /// `emit`: stores the request's events in the outbox (NDJSON read with `read`, each committed chunk's ids
    /// passed to `committed`) and, with `wait`, delivers them before returning.
    public func emit(
        _ request: EmitRequest, read: (UnsafeMutableRawBufferPointer) -> Int, committed: ([String]) -> Void
    ) throws -> EmitOutcome {
        guard let policy = BadLinePolicy(rawValue: request.onError) else {
            throw UsageError("invalid --on-error '\(request.onError)': use skip or reject")
        }
        let seconds = try UsageError.deadline(request.deadline, fallback: configuration.delivery.deadline)
        let store = try openOutbox()
        let parser = EventInputParser(factory: events.factory)
        let ingest: IngestResult
        var violations: [String] = []
        if request.ndjson {
            ingest = try EventIngest(store: store, parser: parser, policy: policy, strict: request.strict)
                .run(read: read, committed: committed)
            violations = ingest.discarded ? [] : ingest.schemaViolations.map { "line \($0.line): \($0.violation)" }
        } else {
            let event = try request.event(parser: parser, workingDirectory: context.workingDirectory)
            // eventId and timestamp may be absent: they equal the envelope's id and time.
            let schema = DataSchema.of(type: event.event.type)
            violations = schema?.violations(of: event.event.data, absentAllowed: ["eventId", "timestamp"]) ?? []
            if request.strict, let schema, !violations.isEmpty {
                throw UsageError(
                    "--strict: the data breaks the \(schema.title) schema, nothing was stored:\n  "
                        + violations.joined(separator: "\n  "))
            }
            var single = IngestResult()
            if try store.recordReportingDuplicates([event]) == [true] {
                single.duplicates = [DuplicateEvent(line: 1, id: event.event.id, source: event.event.source)]
            } else {
                single.storedIDs = [event.event.id]
            }
            ingest = single
        }
        var delivery: DeliveryReport?
        if request.wait && !ingest.storedIDs.isEmpty {
            delivery = try store.recoveringFromDamage {
                try Deliverer(store: store, sinks: sinks(store), configuration: configuration, clock: clock)
                    .run(deadline: clock.now().addingTimeInterval(seconds))
            }
        }
        let noSink = !SinkRegistry.anyConfigured(configuration) && !ingest.storedIDs.isEmpty
        var outcome = EmitOutcome(ingest: ingest, delivery: delivery, noSinkConfigured: noSink)
        outcome.schemaViolations = violations
        return outcome
    }

    /// `flush`: delivers everything pending within `deadline` (default `delivery.deadline`); `progress` is
    /// called after every batch. Damage found while delivering (a large file is checked in full only when a
    /// statement reads the page) moves the outbox aside like damage found at open: the notice names both
    /// paths, and the flush goes on in the fresh outbox.
    public func flush(deadline: String?, progress: ((DeliveryReport) -> Void)? = nil) throws -> DeliveryReport {
        let seconds = try UsageError.deadline(deadline, fallback: configuration.delivery.deadline)
        let store = try openOutbox()
        return try store.recoveringFromDamage {
            try Deliverer(store: store, sinks: sinks(store), configuration: configuration, clock: clock, progress: progress)
                .run(deadline: clock.now().addingTimeInterval(seconds))
        }
    }
}
