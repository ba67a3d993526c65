/// One `sinks.kafka.brokers` entry, `host:port` (`[::1]:9092` for IPv6) with a port 1-65535: the one rule
/// the configuration loader checks and `validate` probes by.
struct KafkaBrokerAddress: Equatable {
    /// The host, without IPv6 brackets.
    let host: String
    /// The TCP port.
    let port: Int

    /// The address of `entry`, or nil when it is not `host:port` with a port 1-65535.
    init?(_ entry: String) {
        guard let colon = entry.lastIndex(of: ":"), colon != entry.startIndex,
              let port = Int(entry[entry.index(after: colon)...]), (1...65_535).contains(port) else { return nil }
        let host = String(entry[..<colon]).trimmingCharacters(in: ["[", "]"])
        guard !host.isEmpty, !host.contains(where: \.isWhitespace) else { return nil }
        self.host = host
        self.port = port
    }
}
