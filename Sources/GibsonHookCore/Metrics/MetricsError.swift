/// Why metrics could not be written or served.
public enum MetricsError: Error, Equatable, CustomStringConvertible {
    /// `--metrics-listen` is not `HOST:PORT`.
    case badListenAddress(String)
    /// The listening socket could not be opened (address in use, not permitted).
    case listenFailed(address: String, reason: String)
    /// The textfile could not be written.
    case textfileFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .badListenAddress(let value):
            return "'\(value)' is not an address to listen on: give HOST:PORT with an IPv4 host, e.g. 127.0.0.1:9464"
        case .listenFailed(let address, let reason):
            return "could not listen on '\(address)': \(reason); choose another port with --metrics-listen"
        case .textfileFailed(let path, let reason):
            return "could not write the metrics to '\(path)': \(reason); check that its directory exists and is writable"
        }
    }
}
