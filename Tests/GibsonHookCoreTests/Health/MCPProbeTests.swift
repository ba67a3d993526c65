import Foundation
import Testing
@testable import GibsonHookCore

@Suite struct MCPProbeTests {
    static let answers = """
        GibsonAI MCP server running...
        {"jsonrpc":"2.0","id":1,"result":{"protocolVersion":"2024-11-05","capabilities":{},"serverInfo":{"name":"GibsonAI","version":"1.6.0"}}}
        {"jsonrpc":"2.0","id":2,"result":{"tools":[{"name":"get_projects"}]}}

        """

    @Test func theConversationIsInitializeInitializedToolsList() throws {
        let lines = String(decoding: MCPProbe.conversation, as: UTF8.self).split(separator: "\n").map(String.init)
        let messages = try lines.map { try JSONValue.parse($0) }
        #expect(messages.map { $0["method"]?.stringValue } == ["initialize", "notifications/initialized", "tools/list"])
        #expect(messages[0]["params"]?["protocolVersion"] == "2024-11-05")
        #expect(messages[1]["id"] == nil)
    }

    @Test func aServerThatAnswersBothIsHealthyAndIsStoppedOnceItHas() throws {
        let sandbox = try HealthSandbox()
        let runner = FakeRunner { request in
            #expect(request.stopWhen?(Array(Self.answers.utf8)) == true)
            #expect(request.stopWhen?(Array("banner\n".utf8)) == false)
            #expect(!request.closeStandardInput)
            return ProcessResult(termination: .signalled(15), standardOutput: Array(Self.answers.utf8), stoppedEarly: true)
        }
        let result = HealthProber(runner: runner, environment: sandbox.environment).probe(
            ProbeSpec(name: "mcp", kind: .mcp, argv: ["mcp", "run"]), gibson: GibsonLocation(configuration: sandbox.configuration, environment: sandbox.environment), timeout: 5)
        #expect(result.healthy)
        #expect(result.detail.contains("GibsonAI 1.6.0"))
        #expect(runner.requests[0].arguments == ["mcp", "run"])
    }

    @Test func missingOrBrokenAnswersAreProtocolErrorsOrTimeouts() {
        let onlyInit = Array(Self.answers.split(separator: "\n").prefix(2).joined(separator: "\n").utf8)
        let ended = ProcessResult(termination: .exited(0), standardOutput: onlyInit)
        #expect(MCPProbe.verify(MCPProbe.responses(in: onlyInit), outcome: ended, timeout: 5)?.0 == .protocolError)
        let hung = ProcessResult(termination: .signalled(9), standardOutput: onlyInit, timedOut: true)
        #expect(MCPProbe.verify(MCPProbe.responses(in: onlyInit), outcome: hung, timeout: 5)?.0 == .timeout)
        let error = Array(#"{"jsonrpc":"2.0","id":1,"error":{"code":-32600,"message":"bad"}}"#.utf8)
        #expect(MCPProbe.verify(MCPProbe.responses(in: error), outcome: ended, timeout: 5)?.0 == .protocolError)
    }
}
