import Foundation
import Testing
@testable import GibsonHookCore

/// The REST v3 topic requests (REST Admin API 3.0.0) and how their answers are read, against a fake proxy.
@Suite struct KafkaRestTopicAdminTests {
    func admin(_ transport: FakeTransport, clusterId: String? = nil) throws -> KafkaRestTopicAdmin {
        var settings = KafkaRestSettings()
        settings.url = "http://proxy.test:8082/"
        settings.api = .v3
        settings.clusterId = clusterId
        return try KafkaRestTopicAdmin(settings: settings, transport: transport, environment: ProcessEnvironment([:]), timeout: 5)
    }

    static func answer(_ status: Int, _ body: String = "") -> FakeTransport.Answer {
        .response(HTTPResponse(status: status, body: Data(body.utf8)))
    }

    @Test func observeDiscoversTheClusterCountsBrokersAndReadsExistingTopics() throws {
        let transport = FakeTransport()
        transport.route = { request in
            switch request.url {
            case "http://proxy.test:8082/v3/clusters": Self.answer(200, #"{"data":[{"cluster_id":"c-1"}]}"#)
            case "http://proxy.test:8082/v3/clusters/c-1/brokers": Self.answer(200, #"{"data":[{"broker_id":1},{"broker_id":2}]}"#)
            case "http://proxy.test:8082/v3/clusters/c-1/topics/a":
                Self.answer(200, #"{"topic_name":"a","partitions_count":2,"replication_factor":2}"#)
            case "http://proxy.test:8082/v3/clusters/c-1/topics/a/configs":
                Self.answer(200, #"{"data":[{"name":"retention.ms","value":"1000"},{"name":"secret","value":null}]}"#)
            default: Self.answer(404, #"{"error_code":40403,"message":"This server does not host this topic-partition."}"#)
            }
        }
        let cluster = try admin(transport).observe(["a", "b"])
        #expect(cluster == ObservedCluster(brokers: 2, topics: ["a": ObservedTopic(partitions: 2, replication: 2, configs: ["retention.ms": "1000"])]))
        #expect(transport.requests.map(\.method) == [.get, .get, .get, .get, .get])
        #expect(transport.requests.allSatisfy { $0.header("Accept") == "application/json" })
    }

    @Test func createGrowAndAlterSendTheDocumentedBodies() throws {
        let transport = FakeTransport([Self.answer(201), Self.answer(200), Self.answer(204)])
        let admin = try admin(transport, clusterId: "c-1")
        #expect(try admin.create([TopicSpec(name: "a", partitions: 3, replication: 1, configs: ["retention.ms": "1000"])]) == [:])
        #expect(try admin.addPartitions(["a": 4]) == [:])
        #expect(try admin.alterConfigs(["a": ["retention.ms": "2000"]]) == [:])
        let sent = transport.requests.map { "\($0.method.rawValue) \($0.url) \(String(decoding: $0.body, as: UTF8.self))" }
        #expect(sent == [
            #"POST http://proxy.test:8082/v3/clusters/c-1/topics {"configs":[{"name":"retention.ms","value":"1000"}],"partitions_count":3,"replication_factor":1,"topic_name":"a"}"#,
            #"PATCH http://proxy.test:8082/v3/clusters/c-1/topics/a {"partitions_count":4}"#,
            #"POST http://proxy.test:8082/v3/clusters/c-1/topics/a/configs:alter {"data":[{"name":"retention.ms","operation":"SET","value":"2000"}]}"#,
        ])
        #expect(transport.requests.allSatisfy { $0.header("Content-Type") == "application/json" })
    }

    @Test func aRefusalIsThatTopicsMessageAndNoAnswerIsUnreachable() throws {
        let transport = FakeTransport([Self.answer(400, #"{"error_code":40002,"message":"Topic 'a' already exists."}"#)])
        let refused = try admin(transport, clusterId: "c-1").create([TopicSpec(name: "a", partitions: 1, replication: 1, configs: [:])])
        #expect(refused == ["a": "POST /v3/clusters/c-1/topics: HTTP 400: Topic 'a' already exists."])
        let down = FakeTransport([.failure(.couldNotConnect(url: "http://proxy.test:8082/v3/clusters", reason: "Connection refused"))])
        #expect(throws: TopicsError.unreachable(
            "the kafka rest proxy did not answer: could not connect to 'http://proxy.test:8082/v3/clusters': Connection refused")) {
            try admin(down).observe(["a"])
        }
    }

    @Test func topicErrorsMapToTheDocumentedExitCodes() {
        #expect(Failure(TopicsError.notConfigured("x")).exitCode == .usage)
        #expect(Failure(TopicsError.invalidProperty("x")).exitCode == .usage)
        #expect(Failure(TopicsError.refused("x")).exitCode == .failure)
        #expect(Failure(TopicsError.unreachable("x")).exitCode == .unreachable)
        #expect(HookExitCode.unreachable.rawValue == 5)
        #expect(Failure(TopicsError.library("x")).exitCode == .internalError)
    }
}
