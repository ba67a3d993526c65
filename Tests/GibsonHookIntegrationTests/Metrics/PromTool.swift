import Foundation

/// Debian's `promtool` (package prometheus, installed by `scripts/ensure-system-packages.sh --tests`): a
/// missing promtool fails the test, it never skips it.
enum PromTool {
    static func path() throws -> URL {
        guard let tool = BinaryRunner.which("promtool") else {
            throw TestFailure("promtool is not on PATH: run 'scripts/ensure-system-packages.sh --tests' (Debian package prometheus)")
        }
        return tool
    }

    /// `promtool check metrics` on `text` (read from stdin); its output and status.
    static func checkMetrics(_ text: String, in directory: URL) throws -> CommandResult {
        try BinaryRunner.execute(try path(), ["check", "metrics"], in: directory, environment: ["PATH": "/usr/bin:/bin"], stdin: Data(text.utf8))
    }

    /// One HTTP/1.1 GET of `path` on 127.0.0.1:`port`, answered in full (status line, headers, body).
    static func get(port: Int, path: String) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw TestFailure("could not connect to 127.0.0.1:\(port)") }
        let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        _ = request.withCString { write(fd, $0, strlen($0)) }
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(fd, &buffer, buffer.count)
            if count <= 0 { break }
            data += buffer[0..<count]
        }
        return String(decoding: data, as: UTF8.self)
    }
}
