import Foundation

/// The Docker source of `listen`: asks the Engine API on its unix socket for the container events since its
/// cursor (`GET /events?since=…&until=now&filters={"type":["container"],"event":[…]}`, newline-delimited
/// JSON), turns each into `ai.gibson.hook.docker.container.<action>` with the container's name, image,
/// compose service and labels as filterable data, and records them with the cursor's new position in one
/// transaction: a restart resumes where the last committed read ended, and a re-read event is a duplicate.
/// A first run starts at the present: containers started before `listen` ever ran fire nothing.
final class DockerSource {
    /// The `state` key of the cursor (nanoseconds since the epoch, of the last event or read).
    static let cursorKey = "listen.docker.cursor"
    private let client: UnixHTTPClient
    private let settings: DockerListenSettings
    private let source: String
    private var nextPoll = Date.distantPast
    /// True once one read has been recorded (`listen --once` then has what was available).
    private(set) var caughtUp = false

    init(settings: DockerListenSettings, hostName: String) {
        self.settings = settings
        client = UnixHTTPClient(socketPath: settings.socket ?? "")
        source = "urn:gibson-hook:docker:" + (hostName.isEmpty ? "localhost" : hostName)
    }

    /// Reads and records the events since the cursor when a poll is due; nil when none was.
    func step(store: OutboxStore, now: Date) throws -> [ReceiveOutcome]? {
        guard now >= nextPoll else { return nil }
        nextPoll = now.addingTimeInterval(settings.pollInterval.seconds)
        let untilNanos = Int64(now.timeIntervalSince1970 * 1e9)
        guard let stored = store.value(for: Self.cursorKey), let cursor = Int64(stored) else {
            // The first run only places the cursor.
            _ = try store.receive([], origin: "docker") { store.setValue(String(untilNanos), for: Self.cursorKey) }
            caughtUp = true
            return []
        }
        let filters = JSONValue.object(["type": ["container"], "event": .array(settings.actions.map(JSONValue.string))])
        let query = "since=\(Self.seconds(cursor))&until=\(Self.seconds(untilNanos))&filters="
            + (filters.serialized().addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        let (status, body) = try client.get("/events?" + query)
        guard status == 200 else {
            let message = (try? JSONByteParser.parse(String(decoding: body, as: UTF8.self)))?["message"]?.stringValue
            throw ListenError.dockerFailed("the Engine API answered \(status)" + (message.map { ": \($0)" } ?? ""))
        }
        var events: [CloudEvent] = []
        var last = cursor
        for line in body.split(separator: 0x0A) where !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) {
            guard let value = try? JSONByteParser.parse(String(decoding: line, as: UTF8.self)), let event = event(of: value)
            else { continue }
            events.append(event.event)
            last = max(last, event.nanos)
        }
        let position = max(last, untilNanos)
        let outcomes = try store.receive(events, topic: "", origin: "docker") {
            store.setValue(String(position), for: Self.cursorKey)
        }
        caughtUp = true
        return outcomes
    }

    /// `1700000000.123456789`, the Engine API's form of a time with nanoseconds.
    static func seconds(_ nanos: Int64) -> String {
        let fraction = String(nanos % 1_000_000_000)
        return "\(nanos / 1_000_000_000)." + String(repeating: "0", count: 9 - fraction.count) + fraction
    }

    /// The CloudEvent of one Engine API event, with its time in nanoseconds; nil for anything but a container event.
    func event(of value: JSONValue) -> (event: CloudEvent, nanos: Int64)? {
        guard value["Type"]?.stringValue == "container", let action = value["Action"]?.stringValue,
            let container = value["Actor"]?["ID"]?.stringValue, !container.isEmpty
        else { return nil }
        let nanos: Int64
        if case .integer(let given)? = value["timeNano"] { nanos = given } else if case .integer(let given)? = value["time"] {
            nanos = given * 1_000_000_000
        } else { return nil }
        var attributes: [String: JSONValue] = [:]
        if case .object(let members)? = value["Actor"]?["Attributes"] { attributes = members }
        let name = attributes.removeValue(forKey: "name")?.stringValue ?? ""
        let image = attributes.removeValue(forKey: "image")?.stringValue ?? (value["from"]?.stringValue ?? "")
        let service = attributes["com.docker.compose.service"]?.stringValue ?? name
        let time = EventStamp.rfc3339(Date(timeIntervalSince1970: Double(nanos) / 1e9))
        let event = CloudEvent(
            id: "\(container)-\(action)-\(nanos)", source: source, type: "ai.gibson.hook.docker.container.\(action)",
            time: time, subject: name,
            data: .object([
                "container": .string(container), "name": .string(name), "image": .string(image), "service": .string(service),
                "action": .string(action), "labels": .object(attributes),
            ]))
        return (event, nanos)
    }
}
