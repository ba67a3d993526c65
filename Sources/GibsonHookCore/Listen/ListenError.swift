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

    public var description: String {
        switch self {
        case .noSource:
            return "listen has no source: set listen.webhook.address (CloudEvents webhook) or listen.kafka.topics"
        case .badAddress(let text):
            return "listen.webhook.address '\(text)' is not HOST:PORT (IPv4) or a port"
        case .listenFailed(let address, let reason):
            return "cannot listen on '\(address)': \(reason): choose another listen.webhook.address"
        case .tokenUnset(let name):
            return "listen.webhook.tokenEnv names '\(name)', which is not set: export it or remove tokenEnv"
        }
    }
}
