import Foundation
import GibsonHookCore
import Testing

/// The pre-commit gate against the real gibson-cli 0.8.12 (from PATH: scripts/test.sh puts the repository's
/// .venv first), and post-commit with an event sink that is down.
@Suite struct RealGibsonHookTests {
    /// The real gibson: on PATH, else in the repository's .venv.
    static var realGibson: URL? {
        if let onPath = BinaryRunner.which("gibson") { return onPath }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let venv = root.appendingPathComponent(".venv/bin/gibson")
        return FileManager.default.isExecutableFile(atPath: venv.path) ? venv : nil
    }

    @Test func realGibsonFromPathPassesTheGateAndTheCacheServesTheNextCommit() throws {
        let gibson = try #require(Self.realGibson, "gibson-cli 0.8.12 is not installed: run scripts/test.sh")
        let sandbox = try HookSandbox(gibsonScript: nil, hooks: "pre-commit,post-commit")
        try sandbox.repo.allowSlowRealGibson()
        sandbox.repo.environment["PATH"] = gibson.deletingLastPathComponent().path + ":" + (sandbox.repo.environment["PATH"] ?? "/usr/bin:/bin")
        try sandbox.repo.write("a.txt")
        let first = try sandbox.repo.commit("with the real gibson")
        try sandbox.repo.write("b.txt")
        try sandbox.repo.commit("second")
        #expect(try sandbox.events("git.commit").first?.data?["sha"]?.stringValue == first)
        let cache = try String(contentsOfFile: sandbox.repo.home.path + "/.local/state/gibson-hook/health-cache.json", encoding: .utf8)
        #expect(cache.contains(gibson.path) || cache.contains(gibson.resolvingSymlinksInPath().path))
    }

    @Test
    func commitSucceedsWhileTheSinkIsDownAndTheEventIsDeliveredOnceItIsUp() throws {
        let sandbox = try HookSandbox(hooks: "pre-commit,post-commit")
        let port = try closedPort()
        sandbox.repo.environment["GIBSON_HOOK_CLOUDEVENTS_URL"] = "http://127.0.0.1:\(port)/events"
        // Failed attempts open the breaker: keep it short so the sink is tried again within the test; allow
        // enough attempts that the event does not become a dead letter while the sink is down; and end the
        // post-commit's background flush soon, so it does not hold the event while the later flush runs.
        try sandbox.repo.write(
            ".gibson-hook.yml",
            "delivery:\n  deadline: 2s\n  breakerRecoveryTimeout: 1s\n  backoffCap: 1s\noutbox:\n  maxAttempts: 1000\n")
        try sandbox.repo.write("a.txt")
        let sha = try sandbox.repo.commit("sink down")
        let flush = try sandbox.repo.gibsonHook(["flush", "--deadline", "1s"])
        let outbox = try sandbox.repo.gibsonHook(["outbox", "list", "--json"]).stdout
        #expect(flush.status == HookExitCode.pending.rawValue, "\(flush.stdout)\(flush.stderr)\(outbox)")
        #expect(try commitState(sandbox) == "pending")

        // The sink comes up: a tiny CloudEvents receiver that answers 202 and keeps what it received.
        let received = sandbox.repo.sandbox.appendingPathComponent("received.ndjson")
        let server = try startReceiver(port: port, output: received)
        // SIGKILL: the test process may block SIGTERM, and its children inherit the mask.
        defer { kill(server.processIdentifier, SIGKILL); server.waitUntilExit() }
        // The post-commit's own background flush may still hold the event for a moment (its lease), and may
        // be the one that delivers it; a few flushes settle it either way.
        var later = try sandbox.repo.gibsonHook(["flush", "--deadline", "20s"])
        for _ in 0..<3 where try commitState(sandbox) != "delivered" {
            later = try sandbox.repo.gibsonHook(["flush", "--deadline", "20s"])
        }
        #expect(try commitState(sandbox) == "delivered", "\(later.stdout)\(later.stderr)")
        let bodies = try String(contentsOf: received, encoding: .utf8)
        #expect(bodies.contains(sha))
    }

    func commitState(_ sandbox: HookSandbox) throws -> String? {
        let listed = try JSONValue.parse(try sandbox.repo.gibsonHook(["outbox", "list", "--json"]).stdoutData)
        return listed.arrayValue?.first { $0["type"]?.stringValue == "ai.gibson.hook.git.commit" }?["state"]?.stringValue
    }

    /// python3's http.server answering every POST with 202, appending each body as one line to `output`;
    /// returns once the port accepts connections.
    func startReceiver(port: Int, output: URL) throws -> Process {
        let script = """
            import http.server, sys
            class H(http.server.BaseHTTPRequestHandler):
                def do_POST(self):
                    body = self.rfile.read(int(self.headers.get('Content-Length', 0)))
                    with open(sys.argv[2], 'ab') as f: f.write(body + b'\\n')
                    self.send_response(202); self.send_header('Content-Length', '0'); self.end_headers()
                def log_message(self, *a): pass
            http.server.HTTPServer(('127.0.0.1', int(sys.argv[1])), H).serve_forever()
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, String(port), output.path]
        try process.run()
        var attempts = 0
        while !isListening(port) && attempts < 200 {
            usleep(50_000)
            attempts += 1
        }
        guard attempts < 200 else { throw TestFailure("the receiver did not start on port \(port)") }
        return process
    }

    func isListening(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// A loopback port nothing listens on: bound, read, closed.
    func closedPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw TestFailure("cannot bind a loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
