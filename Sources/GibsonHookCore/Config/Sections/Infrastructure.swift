/// The infrastructure around Gibson.
public struct Infrastructure: Sendable, Equatable {
    /// Services probed by `infra-ready` and `validate`; defaults are the design document's five.
    public var services: [ServiceSpec] = [
        ServiceSpec(name: "postgres", host: "127.0.0.1", port: 5432),
        ServiceSpec(name: "neo4j", host: "127.0.0.1", port: 7687),
        ServiceSpec(name: "redis", host: "127.0.0.1", port: 6379),
        ServiceSpec(name: "elasticsearch", host: "127.0.0.1", port: 9200),
        ServiceSpec(name: "ollama", host: "127.0.0.1", port: 11434),
    ]
    /// Timeout of one service probe.
    public var timeout = DurationValue.seconds(2)

    public init() {}
}

/// One infrastructure service: a TCP connect by default, or an HTTP GET when `url` is set.
public struct ServiceSpec: Sendable, Equatable {
    public var name: String
    public var host: String
    public var port: Int
    /// When set, probe with HTTP GET and expect `expectStatus`.
    public var url: String? = nil
    public var expectStatus: Int = 200
    /// A service that is not required does not make `infra-ready` fail.
    public var required = true

    public init(name: String, host: String, port: Int, url: String? = nil, expectStatus: Int = 200, required: Bool = true) {
        self.name = name
        self.host = host
        self.port = port
        self.url = url
        self.expectStatus = expectStatus
        self.required = required
    }
}
