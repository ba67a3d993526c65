/// Connection settings of one `HTTPClient`: timeouts and TLS. Verification of the server certificate is
/// always on; there is deliberately no switch to turn it off.
public struct HTTPClientOptions: Sendable, Equatable {
    /// Longest time to establish a connection (TCP and TLS), in seconds.
    public var connectTimeout: Double
    /// Longest time for one whole request, in seconds; each request is also bounded by its deadline.
    public var requestTimeout: Double
    /// Custom CA bundle and client certificate.
    public var tls: TLSSettings

    /// Creates options.
    public init(connectTimeout: Double = 2, requestTimeout: Double = 10, tls: TLSSettings = TLSSettings()) {
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.tls = tls
    }

    /// Options from the delivery settings and one sink's TLS settings.
    public init(delivery: DeliverySettings, tls: TLSSettings) {
        self.init(
            connectTimeout: delivery.connectTimeout.seconds, requestTimeout: delivery.requestTimeout.seconds,
            tls: tls)
    }
}
