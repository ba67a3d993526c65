import Foundation
import Testing
@testable import GibsonHookCore

@Suite struct SinkFactoryTests {
    @Test func noURLsNoSinks() {
        #expect(SinkFactory.makeSinks(configuration: Configuration(), environment: ProcessEnvironment(), cache: MemoryCache()).isEmpty)
    }

    @Test func oneSinkPerConfiguredURL() {
        var configuration = Configuration()
        configuration.sinks.kafka.url = "http://proxy.test:8082"
        configuration.sinks.cloudEvents.url = "https://sink.test/events"
        configuration.sinks.temporal.url = "http://temporal.test:7243"
        let sinks = SinkFactory.makeSinks(configuration: configuration, environment: ProcessEnvironment(["HOSTNAME": "box"]), cache: MemoryCache())
        #expect(sinks.map(\.name) == ["kafka", "cloudevents", "temporal"])
        #expect(sinks.map(\.endpoint) == ["http://proxy.test:8082", "https://sink.test:443", "http://temporal.test:7243"])
        #expect(sinks[0].maxBatchSize == 500)
        #expect(SinkFactory.identity(ProcessEnvironment(["HOSTNAME": "box"])) == "gibson-hook@box")
    }
}

@Suite struct SinkCredentialsTests {
    @Test func basicFromPasswordVariable() throws {
        var auth = AuthSettings()
        auth.kind = .basic
        auth.username = "api-key"
        auth.passwordEnv = "KAFKA_SECRET"
        let header = try SinkCredentials.authorization(auth, environment: ProcessEnvironment(["KAFKA_SECRET": "s3"]))
        #expect(header == HTTPHeader("Authorization", "Basic " + Data("api-key:s3".utf8).base64EncodedString()))
    }

    @Test func missingPasswordNamesTheVariable() {
        var auth = AuthSettings()
        auth.kind = .basic
        auth.username = "u"
        auth.passwordEnv = "KAFKA_SECRET"
        #expect(throws: SinkCredentials.Problem.missingPassword(variable: "KAFKA_SECRET")) {
            try SinkCredentials.authorization(auth, environment: ProcessEnvironment())
        }
    }

    @Test func inlineTokenWhenVariableUnset() throws {
        var auth = AuthSettings()
        auth.kind = .bearer
        auth.token = "inline"
        auth.tokenEnv = "UNSET_VAR"
        #expect(try SinkCredentials.authorization(auth, environment: ProcessEnvironment()) == HTTPHeader("Authorization", "Bearer inline"))
    }
}
