import Foundation

/// Runs a local program for the shim tests (no shell string building; argv only).
enum ShellRunner {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static func run(
        _ argv: [String], environment: [String: String]? = nil, stdin: String? = nil, in directory: String? = nil
    ) throws -> Result {
        // A script written by one test while another test's thread forks can be "busy" (ETXTBSY) for the
        // moment the child holds the writer's descriptor: a race of the parallel test process, not of the
        // shims (git runs a hook long after install closed it), so the launch is tried again.
        var attempt = 0
        while true {
            attempt += 1
            do {
                let result = try runOnce(argv, environment: environment, stdin: stdin, in: directory)
                if attempt < 5 && result.status == 126 && result.stderr.contains("Text file busy") { continue }
                return result
            } catch where attempt < 5 && ((error as NSError).code == Int(ETXTBSY) || "\(error)".contains("busy")) {
                continue
            }
        }
    }

    private static func runOnce(
        _ argv: [String], environment: [String: String]?, stdin: String?, in directory: String?
    ) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: argv[0])
        process.arguments = Array(argv.dropFirst())
        if let environment { process.environment = environment }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Outputs in these tests are tiny (well under a pipe buffer), so sequential reads cannot block.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }
}

/// A temporary directory removed when the value goes away.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("gh-hooks-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes an executable (or not) file at `name` and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String, mode: Int = 0o755) throws -> String {
        let file = path + "/" + name
        try FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file)
        return file
    }

    func read(_ name: String) -> String? {
        FileManager.default.contents(atPath: path + "/" + name).map { String(decoding: $0, as: UTF8.self) }
    }

    func mode(_ name: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path + "/" + name)[.posixPermissions] as? Int) ?? -1
    }

    func exists(_ name: String) -> Bool {
        (try? FileManager.default.attributesOfItem(atPath: path + "/" + name)) != nil
    }
}
