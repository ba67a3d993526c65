import Foundation

/// What `gibson-hook metrics` exposes, read from the outbox (events, deliveries, breakers, the last watch
/// round) at one moment. Rendered by `PrometheusExposition`.
public struct MetricsSnapshot: Sendable, Equatable {
    /// One sample: a label set and a value.
    public struct Sample: Sendable, Equatable {
        /// Label names and values, in the order they are printed.
        public var labels: [(String, String)]
        /// The value.
        public var value: Double

        public static func == (lhs: Sample, rhs: Sample) -> Bool {
            lhs.value == rhs.value && lhs.labels.map { $0.0 + "=" + $0.1 } == rhs.labels.map { $0.0 + "=" + $0.1 }
        }
    }

    /// `gibson_up{target}`: 1 when the last check of the target was healthy.
    public var up: [Sample] = []
    /// `gibson_hook_outbox_events{state,sink}`.
    public var outboxEvents: [Sample] = []
    /// Seconds from recording to delivery of each delivered row, by sink.
    public var deliverySeconds: [String: [Double]] = [:]
    /// `gibson_hook_requests_total{sink,code}`: delivery requests per sink by outcome code.
    public var requests: [Sample] = []
    /// `gibson_hook_workflow_started_total{workflow,route}`.
    public var workflowsStarted: [Sample] = []
    /// `gibson_hook_breaker_open{sink}`: 1 while the sink's endpoint breaker is open.
    public var breakerOpen: [Sample] = []
    /// `gibson_hook_health_check_seconds`: how long the last recorded check took, when one was recorded.
    public var healthCheckSeconds: Double?

    /// `gibson_hook_listen_received_total{origin}`: events `listen` received (first time only).
    public var listenReceived: [Sample] = []
    /// `gibson_hook_triggers_fired_total{effect}`: effects stored by triggers (workflow, run, emit).
    public var triggersFired: [Sample] = []
    /// `gibson_hook_listen_cursor_age_seconds{source}`: how far behind now the Temporal and Docker cursors are.
    public var listenCursorAge: [Sample] = []

    /// `gibson_hook_listen_lag{source}`: Kafka records not yet read, webhook requests waiting (as `listen` last wrote them).
    public var listenQueued: [Sample] = []

    /// An empty snapshot.
    public init() {}
}

/// The `state` keys of the last health round that `health --watch` records for `metrics`.
enum MetricsStateKeys {
    /// `"<1|0> <seconds> <unix time>"` of the last round, per target.
    static func lastCheck(target: String) -> String { "metrics.health." + target }
}
