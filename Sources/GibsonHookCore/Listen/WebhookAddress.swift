#if canImport(Glibc)
import Glibc
#endif

/// `listen.webhook.address`: `HOST:PORT` with an IPv4 host, or a bare `PORT` on the loopback interface.
public struct WebhookAddress: Sendable, Equatable {
    /// The IPv4 address to bind.
    public var host: String
    /// The port (0 lets the kernel choose).
    public var port: UInt16

    /// Parses `text`; nil when it is neither form.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let host: String
        let portText: String
        switch parts.count {
        case 1: (host, portText) = ("127.0.0.1", parts[0])
        case 2: (host, portText) = (parts[0].isEmpty ? "127.0.0.1" : parts[0], parts[1])
        default: return nil
        }
        var probe = in_addr()
        guard let port = UInt16(portText), inet_pton(AF_INET, host, &probe) == 1 else { return nil }
        self.host = host
        self.port = port
    }
}
