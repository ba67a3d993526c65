import Foundation

/// Topic administration through a Confluent REST proxy's v3 API (REST Admin API 3.0.0): `GET /v3/clusters`,
/// `.../brokers`, `.../topics/{name}` and its `/configs`; `POST .../topics`, `PATCH .../topics/{name}`
/// (`partitions_count`) and `POST .../topics/{name}/configs:alter` (SET only).
final class KafkaRestTopicAdmin: TopicAdmin {
    let via = "rest-v3"
    private let settings: KafkaRestSettings
    private let baseURL: String
    private let transport: HTTPTransport
    private let authorization: HTTPHeader?
    private let timeout: Double
    private var clusterPath: String?

    /// An admin for the proxy at `settings.url`; each request waits at most `timeout` seconds.
    init(settings: KafkaRestSettings, transport: HTTPTransport, environment: ProcessEnvironment, timeout: Double) throws(TopicsError) {
        self.settings = settings
        baseURL = SinkResponses.base(settings.url ?? "")
        self.transport = transport
        self.timeout = timeout
        do {
            authorization = try SinkCredentials.authorization(settings.auth, environment: environment)
        } catch {
            throw .notConfigured("kafka rest proxy: \(error)")
        }
    }

    func observe(_ names: [String]) throws(TopicsError) -> ObservedCluster {
        let cluster = try self.cluster()
        let brokers = try send(.get, cluster + "/brokers", expect: [200])?["data"]?.arrayValue?.count ?? 0
        var topics: [String: ObservedTopic] = [:]
        for name in names {
            let path = cluster + "/topics/" + SinkResponses.pathSegment(name)
            guard let topic = try send(.get, path, expect: [200], absent: 404) else { continue }
            var configs: [String: String] = [:]
            for config in try send(.get, path + "/configs", expect: [200])?["data"]?.arrayValue ?? [] {
                if let key = config["name"]?.stringValue, let value = config["value"]?.stringValue { configs[key] = value }
            }
            topics[name] = ObservedTopic(
                partitions: Int(topic["partitions_count"]?.intValue ?? 0), replication: Int(topic["replication_factor"]?.intValue ?? 0),
                configs: configs)
        }
        return ObservedCluster(brokers: brokers, topics: topics)
    }

    func create(_ topics: [TopicSpec]) throws(TopicsError) -> [String: String] {
        let cluster = try self.cluster()
        return try eachTopic(topics.map(\.name)) { name throws(TopicsError) in
            let spec = topics.first { $0.name == name }!
            let body: JSONValue = .object([
                "topic_name": .string(name), "partitions_count": .integer(Int64(spec.partitions)),
                "replication_factor": .integer(Int64(spec.replication)),
                "configs": .array(spec.configs.keys.sorted().map { .object(["name": .string($0), "value": .string(spec.configs[$0]!)]) }),
            ])
            _ = try send(.post, cluster + "/topics", body: body, expect: [200, 201])
        }
    }

    func addPartitions(_ totals: [String: Int]) throws(TopicsError) -> [String: String] {
        let cluster = try self.cluster()
        return try eachTopic(totals.keys.sorted()) { name throws(TopicsError) in
            _ = try send(.patch, cluster + "/topics/" + SinkResponses.pathSegment(name),
                         body: .object(["partitions_count": .integer(Int64(totals[name]!))]), expect: [200])
        }
    }

    func alterConfigs(_ changes: [String: [String: String]]) throws(TopicsError) -> [String: String] {
        let cluster = try self.cluster()
        return try eachTopic(changes.keys.sorted()) { name throws(TopicsError) in
            let configs = changes[name]!
            let body: JSONValue = .object(["data": .array(configs.keys.sorted().map {
                .object(["name": .string($0), "value": .string(configs[$0]!), "operation": .string("SET")])
            })])
            _ = try send(.post, cluster + "/topics/" + SinkResponses.pathSegment(name) + "/configs:alter", body: body, expect: [204, 200])
        }
    }

    /// Runs `change` per topic: a refusal is that topic's message, an unreachable proxy stops them all.
    private func eachTopic(_ names: [String], _ change: (String) throws(TopicsError) -> Void) throws(TopicsError) -> [String: String] {
        var refused: [String: String] = [:]
        for name in names {
            do {
                try change(name)
            } catch .refused(let message) {
                refused[name] = message
            }
        }
        return refused
    }

    /// `/v3/clusters/{id}`: the configured cluster id, else the first the proxy lists.
    private func cluster() throws(TopicsError) -> String {
        if let clusterPath { return clusterPath }
        var id = settings.clusterId ?? ""
        if id.isEmpty {
            let listed = try send(.get, "/v3/clusters", expect: [200])?["data"]?.arrayValue ?? []
            guard let first = listed.first?["cluster_id"]?.stringValue, !first.isEmpty else {
                throw .refused("kafka rest proxy at '\(ConfigSecrets.maskURL(baseURL))' lists no cluster: set sinks.kafka.clusterId")
            }
            id = first
        }
        clusterPath = "/v3/clusters/" + SinkResponses.pathSegment(id)
        return clusterPath!
    }

    /// One request; the JSON answer, or nil for an empty answer or the `absent` status. Another status than
    /// `expect` is a refusal with the proxy's reason (`SinkResponses.reason`); no answer at all is unreachable.
    private func send(
        _ method: HTTPRequest.Method, _ path: String, body: JSONValue? = nil, expect: Set<Int>, absent: Int? = nil
    ) throws(TopicsError) -> JSONValue? {
        var headers = [HTTPHeader("Accept", "application/json")]
        if body != nil { headers.append(HTTPHeader("Content-Type", "application/json")) }
        if let authorization { headers.append(authorization) }
        let request = HTTPRequest(
            method: method, url: baseURL + path, headers: headers, body: Data((body?.serialized() ?? "").utf8),
            responseLimit: 4 * 1024 * 1024)
        let response: HTTPResponse
        do {
            response = try transport.send(request, deadline: Date().addingTimeInterval(timeout))
        } catch {
            throw .unreachable("the kafka rest proxy did not answer: \(error)")
        }
        if response.status == absent { return nil }
        guard expect.contains(response.status) else {
            // The sinks' description of an answer: its message or body on one line, control characters removed.
            throw .refused("\(method.rawValue) \(path): \(SinkResponses.reason(response))")
        }
        return response.body.isEmpty ? nil : SinkResponses.json(response.body)
    }
}
