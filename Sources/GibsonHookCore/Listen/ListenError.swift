/// Why `listen` cannot run.
public enum ListenError: Error, Equatable, CustomStringConvertible {
    /// No source is configured.
    case noSource
    /// `listen.webhook.address` is not `HOST:PORT` or a port.
    case badAddress(String)
    /// The receiver could not listen on its address.
    case listenFailed(address: String, reason: String)
    /// `listen.webhook.tokenEnv` names a variable that is not set.
    case tokenUnset(String)
    /// `listen --once` with Kafka: the consumer never caught up (no partition assigned, broker unreachable).
    case kafkaStalled(String?)
    /// The Kafka consumer could not be created (librdkafka missing, bad properties).
    case kafkaUnavailable(String)
    /// The Docker Engine API could not be read.
    case dockerFailed(String)
    /// The Temporal list query failed.
    case temporalFailed(String)

    public var description: String {
        switch self {
        case .noSource:
            return "listen has no source: set listen.webhook.address (CloudEvents webhook), listen.kafka.topics, listen.docker.socket or listen.temporal.workflowTypes"
        case .badAddress(let text):
            return "listen.webhook.address '\(text)' is not HOST:PORT (IPv4) or a port"
        case .listenFailed(let address, let reason):
            return "cannot listen on '\(address)': \(reason): choose another listen.webhook.address"
        case .tokenUnset(let name):
            return "listen.webhook.tokenEnv names '\(name)', which is not set: export it or remove tokenEnv"
        case .kafkaStalled(let reason):
            return "the Kafka consumer did not catch up with its topics in \(Int(Listener.kafkaPatience)) s"
                + (reason.map { " (\($0))" } ?? "") + ": check sinks.kafka.brokers and listen.kafka.topics"
        case .kafkaUnavailable(let reason):
            return "the Kafka source cannot start: \(reason)"
        case .dockerFailed(let reason):
            return "docker events: \(reason): check listen.docker.socket"
        case .temporalFailed(let reason):
            return "temporal workflow starts: \(reason): check sinks.temporal"
        }
    }
}
