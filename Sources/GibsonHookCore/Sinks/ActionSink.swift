import Foundation

/// Runs the commands of action-run events (`ActionRun`), one at a time: the "sink" of `run:<name>` and
/// `gibson:<name>` triggers, so an action goes through the outbox like any delivery. A zero exit is
/// delivered; anything else is a retry (the Deliverer's backoff and `outbox.maxAttempts`), so an action that
/// keeps failing ends as a dead letter whose error holds the command's output.
///
/// The child gets the event as `GIBSON_EVENT_ID`, `GIBSON_EVENT_TYPE`, `GIBSON_EVENT_SOURCE` and
/// `GIBSON_EVENT_DATA_FILE` (a private file holding the event's JSON, removed after the run), and the trigger
/// chain as `GIBSON_HOOK_TRIGGER_CHAIN`, which events it emits carry so they cannot fire the same triggers.
public final class ActionSink: EventSink {
    /// The environment variable carrying the trigger chain into an action's process.
    public static let chainVariable = "GIBSON_HOOK_TRIGGER_CHAIN"
    /// Bytes of output kept in a failure's reason.
    static let reasonLimit = 2000

    public let name = "action"
    public let endpoint = "local:actions"
    public let maxBatchSize = 1
    private let runner: any ProcessRunner
    private let environment: ProcessEnvironment
    private let directory: String
    /// The longest action timeout configured: no run takes longer (a stored run asking for more is cut to
    /// it), so its lease (see `longestDelivery`) outlasts every run.
    public let longestTimeout: Double

    /// Runs through `runner` with `environment` as the base of each child's; data files go in `directory`;
    /// runs are cut at `longestTimeout` seconds.
    public init(runner: any ProcessRunner, environment: ProcessEnvironment, directory: String, longestTimeout: Double = 60) {
        self.runner = runner
        self.environment = environment
        self.directory = directory
        self.longestTimeout = longestTimeout
    }

    /// A run ignores the delivery deadline: its events are leased for the longest timeout.
    public var longestDelivery: Double? { longestTimeout }

    public func accepts(_ event: OutboundEvent) -> Bool { event.event.type == ActionRun.eventType }

    public func deliver(_ batch: [OutboundEvent], deadline: Date) -> [DeliveryOutcome] {
        batch.map { run($0.event) }
    }

    private func run(_ event: CloudEvent) -> DeliveryOutcome {
        guard let run = ActionRun(eventData: event.data ?? .null) else {
            return .permanent(reason: "not an action run: the event's data has no action, command and event")
        }
        let file = directory + "/action-\(run.runId)-\(getpid()).json"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try PrivateFiles.write(Data(run.event.jsonObject.serialized().utf8), to: file)
        } catch {
            return .notSent(reason: "could not write the event file '\(file)': \(error)")
        }
        defer { try? FileManager.default.removeItem(atPath: file) }
        var values = environment.values
        values["GIBSON_EVENT_ID"] = run.event.id
        values["GIBSON_EVENT_TYPE"] = run.event.type
        values["GIBSON_EVENT_SOURCE"] = run.event.source
        values["GIBSON_EVENT_DATA_FILE"] = file
        values[Self.chainVariable] = run.chain.joined(separator: ",")
        let request = ProcessRequest(
            executable: run.command[0], arguments: Array(run.command.dropFirst()),
            environment: ProcessEnvironment(values), timeout: min(run.timeout.seconds, longestTimeout))
        let result: ProcessResult
        do {
            result = try runner.run(request)
        } catch {
            return .retry(reason: "action '\(run.action)': \(error)", retryAfter: nil)
        }
        if result.exitStatus == 0 && !result.timedOut { return .delivered }
        let how: String
        if result.timedOut {
            how = "timed out after \(run.timeout)"
        } else if let status = result.exitStatus {
            how = "exited \(status)"
        } else {
            how = "was ended by a signal"
        }
        let output = (result.outputText + result.errorText).trimmingCharacters(in: .whitespacesAndNewlines)
        let tail = output.count > Self.reasonLimit ? "…" + String(output.suffix(Self.reasonLimit)) : output
        return .retry(reason: "action '\(run.action)' \(how)" + (tail.isEmpty ? "" : ": " + tail), retryAfter: nil)
    }
}
