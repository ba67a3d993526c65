import Foundation

/// What `gibson-hook status` shows, read from state only (the outbox, the hooks directory, the unit files):
/// no Gibson process, no network, no libcurl or librdkafka. `json` is the documented `status --json` shape.
public struct StatusReport: Sendable {
    /// Gibson's health as last recorded, and its recent history.
    public var gibson: GibsonStatus
    /// The outbox file and whether it exists yet (a missing outbox is never created by `status`).
    public var outboxPath: String
    public var outboxExists: Bool
    /// One entry per configured sink, then any sink that only old rows still name.
    public var sinks: [SinkStatus]
    /// Events no sink row has yet while no sink is configured (they wait for one).
    public var unassigned: Int
    /// The hooks' wiring; nil outside a git repository.
    public var hooks: HookWiring.StatusReport?
    /// The gibson-hook units and whether systemd runs here.
    public var service: ServiceStatus
    /// What `listen` has received and fired; nil when no `listen` source is configured and nothing was received.
    public var listen: ListenStatus?

    /// `listen`'s sources and counters, read as `metrics` reads them.
    public struct ListenStatus: Sendable {
        /// The configured sources: `webhook`, `kafka`, `temporal`, `docker`.
        public var sources: [String]
        /// Events received (first time only), by origin.
        public var received: [(origin: String, count: Int)]
        /// Effects its triggers stored, by kind (`workflow`, `run`, `emit`).
        public var fired: [(effect: String, count: Int)]
        /// Kafka consumer lag and webhook queue depth as last reported by `listen`.
        public var queued: [(source: String, value: Int)]
        /// Seconds since the Temporal and Docker cursors' positions.
        public var cursorAge: [(source: String, seconds: Double)]
    }

    /// Pending events over every sink (unassigned ones included).
    public var pending: Int { sinks.reduce(unassigned) { $0 + $1.pending } }
    /// Dead letters over every sink.
    public var dead: Int { sinks.reduce(0) { $0 + $1.dead } }
    /// The oldest pending event's recording time over every sink.
    public var oldestPending: Date? { ([unassignedOldest] + sinks.map(\.oldestPending)).compactMap { $0 }.min() }
    /// The oldest unassigned event's recording time.
    public var unassignedOldest: Date?

    /// Gibson's recorded health.
    public struct GibsonStatus: Sendable {
        /// The newest health check recorded (by `health --watch`, the gate, a revalidation or recovery).
        public var lastCheck: HistoryEntry?
        /// Recorded checks that found Gibson unhealthy.
        public var incidents: Int
        /// Recoveries started on the remote workflow engine (`remote-start`).
        public var remoteRecoveries: Int
        /// Local recoveries that finished (`complete`), and how many of them brought Gibson back.
        public var localRecoveries: Int
        public var localRecovered: Int
        /// The newest gibson events, newest first.
        public var recent: [HistoryEntry]
        /// When the pre-commit gate's cached healthy check of this Gibson was made, and until when it is
        /// trusted (`gibson.cacheTTL`); nil when none is cached (the next commit probes).
        public var cachedHealthyAt: Date? = nil
        public var cachedUntil: Date? = nil
        /// True while the cached healthy check is trusted.
        public var cacheFresh = false

        /// `healthy`, `unhealthy` or `unknown` (never checked).
        public var health: String { lastCheck.map { $0.serviceStatus == "running" ? "healthy" : "unhealthy" } ?? "unknown" }
    }

    /// One recorded gibson event.
    public struct HistoryEntry: Sendable {
        public var time: Date
        /// `health-check`, `recovery`, `activation`, `deactivation` or `error`.
        public var eventType: String
        public var serviceStatus: String
        /// The workflow step or the recorder (`health-monitor`, `revalidate`, `verify`, `remote-start`, …).
        public var step: String
        /// For recovery and activation: `remote` (started on Temporal) or `local`.
        public var route: String?
        /// The step's `ok`, when it recorded one.
        public var ok: Bool?
        /// The step's detail or the check's summary.
        public var detail: String
    }

    /// One sink's share of the outbox.
    public struct SinkStatus: Sendable {
        public var name: String
        /// False for a sink only old rows name.
        public var configured: Bool
        public var pending: Int
        public var delivered: Int
        public var dead: Int
        public var oldestPending: Date?
        /// When the sink last accepted an event (delivered rows are pruned after `outbox.retention`).
        public var lastDelivered: Date?
        /// The newest error of a row still pending or dead.
        public var lastError: String?
        /// `closed`, `open` or `half-open`; nil for a sink that is not configured.
        public var breaker: String?
        public var breakerOpenUntil: Date?
    }

    /// The service units.
    public struct ServiceStatus: Sendable {
        /// True when systemd is the running init.
        public var systemd: Bool
        /// Each unit: installed (its file exists) and, when systemd runs, `systemctl is-active`'s answer.
        public var units: [(name: String, installed: Bool, active: String?)]
    }
}

extension StatusReport {
    /// The `status --json` document (keys documented in docs/status.md).
    public var json: JSONValue {
        var members: [String: JSONValue] = [
            "gibson": gibsonJSON,
            "outbox": .object([
                "path": .string(outboxPath), "exists": .bool(outboxExists), "pending": .integer(Int64(pending)),
                "dead": .integer(Int64(dead)), "unassigned": .integer(Int64(unassigned)), "oldestPending": Self.time(oldestPending),
            ]),
            "sinks": .array(sinks.map(Self.json)),
            "service": .object([
                "systemd": .bool(service.systemd),
                "units": .array(service.units.map { unit in
                    .object(["name": .string(unit.name), "installed": .bool(unit.installed), "active": unit.active.map(JSONValue.string) ?? .null])
                }),
            ]),
        ]
        if let listen {
            members["listen"] = .object([
                "sources": .array(listen.sources.map(JSONValue.string)),
                "received": .object(Dictionary(uniqueKeysWithValues: listen.received.map { ($0.origin, JSONValue.integer(Int64($0.count))) })),
                "fired": .object(Dictionary(uniqueKeysWithValues: listen.fired.map { ($0.effect, JSONValue.integer(Int64($0.count))) })),
                "queued": .object(Dictionary(uniqueKeysWithValues: listen.queued.map { ($0.source, JSONValue.integer(Int64($0.value))) })),
                "cursorAgeSeconds": .object(Dictionary(uniqueKeysWithValues: listen.cursorAge.map { ($0.source, JSONValue.number($0.seconds.rounded())) })),
            ])
        }
        // The wiring keeps the keys `status --json` always had, at the top level.
        let wiring = hooks?.json.objectValue ?? ["hooksDir": .null, "source": .null, "linkedWorktree": .bool(false), "hooks": .array([])]
        for (key, value) in wiring { members[key] = value }
        return .object(members)
    }

    private var gibsonJSON: JSONValue {
        .object([
            "health": .string(gibson.health), "lastCheck": gibson.lastCheck.map(Self.json) ?? .null,
            "incidents": .integer(Int64(gibson.incidents)),
            "recoveries": .object([
                "remote": .integer(Int64(gibson.remoteRecoveries)), "local": .integer(Int64(gibson.localRecoveries)),
                "localRecovered": .integer(Int64(gibson.localRecovered)),
            ]),
            "recent": .array(gibson.recent.map(Self.json)),
            "cache": .object([
                "state": .string(gibson.cachedHealthyAt == nil ? "none" : gibson.cacheFresh ? "fresh" : "expired"),
                "checkedAt": Self.time(gibson.cachedHealthyAt), "freshUntil": Self.time(gibson.cachedUntil),
            ]),
        ])
    }

    static func time(_ date: Date?) -> JSONValue { date.map { .string(EventStamp.rfc3339($0)) } ?? .null }

    static func json(_ entry: HistoryEntry) -> JSONValue {
        .object([
            "time": time(entry.time), "eventType": .string(entry.eventType), "serviceStatus": .string(entry.serviceStatus),
            "step": .string(entry.step), "route": entry.route.map(JSONValue.string) ?? .null,
            "ok": entry.ok.map(JSONValue.bool) ?? .null, "detail": .string(entry.detail),
        ])
    }

    static func json(_ sink: SinkStatus) -> JSONValue {
        .object([
            "name": .string(sink.name), "configured": .bool(sink.configured), "pending": .integer(Int64(sink.pending)),
            "delivered": .integer(Int64(sink.delivered)), "dead": .integer(Int64(sink.dead)),
            "oldestPending": time(sink.oldestPending), "lastDelivered": time(sink.lastDelivered),
            "lastError": sink.lastError.map(JSONValue.string) ?? .null, "breaker": sink.breaker.map(JSONValue.string) ?? .null,
            "breakerOpenUntil": time(sink.breakerOpenUntil),
        ])
    }
}
