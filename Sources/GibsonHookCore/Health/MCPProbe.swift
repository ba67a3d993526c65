import Foundation

/// Speaks MCP over stdio to `gibson mcp run`: newline-delimited JSON-RPC `initialize` (protocol
/// 2024-11-05), `notifications/initialized`, `tools/list`. The server never exits on EOF, so the probe ends
/// its process group once the `tools/list` answer arrives (or at the timeout).
struct MCPProbe {
    let runner: any ProcessRunner
    let environment: ProcessEnvironment

    /// The protocol version asked for; gibson-cli 0.8.12 answers with the same.
    static let protocolVersion = "2024-11-05"

    /// The three messages, each on its own line.
    static var conversation: [UInt8] {
        let lines: [JSONValue] = [
            [
                "jsonrpc": "2.0", "id": 1, "method": "initialize",
                "params": [
                    "protocolVersion": .string(protocolVersion), "capabilities": [:],
                    "clientInfo": ["name": "gibson-hook", "version": .string(GibsonHookVersion.current)],
                ],
            ],
            ["jsonrpc": "2.0", "method": "notifications/initialized"],
            ["jsonrpc": "2.0", "id": 2, "method": "tools/list", "params": [:]],
        ]
        return Array(lines.map { $0.serialized() + "\n" }.joined().utf8)
    }

    func run(_ spec: ProbeSpec, executable: String, timeout: Double) -> ProbeResult {
        var request = ProcessRequest(
            executable: executable, arguments: spec.argv.isEmpty ? ["mcp", "run"] : spec.argv,
            environment: environment, timeout: timeout, standardInput: Self.conversation)
        request.closeStandardInput = false
        request.stopWhen = { Self.responses(in: $0)[2] != nil }
        func result(_ failure: ProbeFailure?, _ detail: String) -> ProbeResult {
            ProbeResult(name: spec.name, kind: .mcp, failure: failure, detail: detail, latencyMs: 0)
        }
        let outcome: ProcessResult
        do { outcome = try runner.run(request) } catch { return result(.missingExecutable, "\(error)") }
        let responses = Self.responses(in: outcome.standardOutput)
        return Self.verify(responses, outcome: outcome, timeout: timeout).map { result($0.0, $0.1) }
            ?? result(nil, Self.healthyDetail(responses))
    }

    /// JSON-RPC responses by id. Lines that are not JSON (gibson prints a banner first) are skipped.
    static func responses(in output: [UInt8]) -> [Int64: JSONValue] {
        var found: [Int64: JSONValue] = [:]
        for line in output.split(separator: UInt8(ascii: "\n")) where line.first == UInt8(ascii: "{") {
            if let message = try? JSONValue.parse(Data(line)), let id = message["id"]?.intValue {
                found[id] = message
            }
        }
        return found
    }

    /// Nil when both answers are valid results, else the failure and why.
    static func verify(_ responses: [Int64: JSONValue], outcome: ProcessResult, timeout: Double) -> (ProbeFailure, String)? {
        guard let initialize = responses[1] else {
            if outcome.timedOut { return (.timeout, "mcp server did not answer 'initialize' within \(DurationValue(seconds: timeout))") }
            let why = lastLine(outcome.errorText).map { ": \($0)" } ?? ""
            return (.protocolError, "mcp server ended without answering 'initialize'\(why)")
        }
        if let error = initialize["error"] { return (.protocolError, "'initialize' failed: \(error.serialized())") }
        guard let result = initialize["result"], result["protocolVersion"]?.stringValue != nil,
            result["serverInfo"]?["name"]?.stringValue != nil
        else { return (.protocolError, "'initialize' answered without protocolVersion and serverInfo") }
        guard let list = responses[2] else {
            return outcome.timedOut
                ? (.timeout, "mcp server did not answer 'tools/list' within \(DurationValue(seconds: timeout))")
                : (.protocolError, "mcp server ended without answering 'tools/list'")
        }
        if let error = list["error"] { return (.protocolError, "'tools/list' failed: \(error.serialized())") }
        guard list["result"]?["tools"]?.arrayValue != nil else {
            return (.protocolError, "'tools/list' answered without a tools array")
        }
        return nil
    }

    static func healthyDetail(_ responses: [Int64: JSONValue]) -> String {
        let server = responses[1]?["result"]?["serverInfo"]
        let name = server?["name"]?.stringValue ?? "server"
        let version = server?["version"]?.stringValue ?? "?"
        let tools = responses[2]?["result"]?["tools"]?.arrayValue?.count ?? 0
        return "mcp \(name) \(version) answered initialize and tools/list (\(tools) tools)"
    }
}
