import Foundation

/// Runs `Fixtures/http_fixture_server.py` on a free loopback port for one test and stops it on release.
final class FixtureServer {
    let process = Process()
    let port: Int

    /// Starts the server with `arguments` (for example `--cert`, `--key`, `--client-ca`).
    init(_ arguments: [String] = []) throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/http_fixture_server.py")
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("PORT "), let port = Int(text.dropFirst(5)) else {
            kill(process.processIdentifier, SIGKILL)
            throw FixtureError.didNotStart(text)
        }
        self.port = port
    }

    deinit {
        // SIGKILL: the test runner may leave SIGTERM blocked in the children it spawns.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Why the fixture could not start.
    enum FixtureError: Error {
        case didNotStart(String)
        case command(String)
    }
}

/// A throwaway CA with a server certificate for `localhost`/127.0.0.1 and a client certificate, made with
/// the openssl command line in a temporary directory.
struct TestCertificates {
    let directory: URL
    var caFile: String { directory.appendingPathComponent("ca.pem").path }
    var serverCert: String { directory.appendingPathComponent("server.pem").path }
    var serverKey: String { directory.appendingPathComponent("server.key").path }
    var clientCert: String { directory.appendingPathComponent("client.pem").path }
    var clientKey: String { directory.appendingPathComponent("client.key").path }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("gibson-hook-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try "subjectAltName=DNS:localhost,IP:127.0.0.1\n".write(
            to: directory.appendingPathComponent("server.ext"), atomically: true, encoding: .utf8)
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try openssl(["req", "-x509"] + ec + ["-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=gibson-hook test CA"])
        for name in ["server", "client"] {
            try openssl(["req"] + ec + ["-keyout", "\(name).key", "-out", "\(name).csr", "-subj", "/CN=\(name == "server" ? "localhost" : "gibson-hook-client")"])
            var sign = ["x509", "-req", "-in", "\(name).csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                        "-out", "\(name).pem", "-days", "2"]
            if name == "server" { sign += ["-extfile", "server.ext"] }
            try openssl(sign)
        }
    }

    private func openssl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            throw FixtureServer.FixtureError.command("openssl \(arguments.joined(separator: " "))")
        }
    }
}
