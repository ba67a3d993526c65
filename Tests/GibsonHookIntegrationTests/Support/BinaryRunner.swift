import Foundation

/// What one run of the built `gibson-hook` (or any command) produced.
struct CommandResult {
    let status: Int32
    let stdout: String
    let stderr: String
    let stdoutData: Data
}

/// Runs the built binary, as swift-argument-parser's `AssertExecuteCommand` does: found next to the test
/// bundle, or named by `GIBSON_HOOK_BINARY`.
enum BinaryRunner {
    /// The `gibson-hook` executable under test.
    static var binary: URL {
        if let explicit = ProcessInfo.processInfo.environment["GIBSON_HOOK_BINARY"] {
            return URL(fileURLWithPath: explicit)
        }
        var directory = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("gibson-hook")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        // Fall back to the conventional debug location relative to this file.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/gibson-hook")
    }

    /// A clean environment for tests: no user config, a private state dir, no git variables leaking in.
    static func baseEnvironment(home: URL) -> [String: String] {
        var env: [String: String] = [:]
        let inherited = ProcessInfo.processInfo.environment
        for name in ["PATH", "LANG", "LC_ALL", "TMPDIR", "SWIFT_BACKTRACE"] { env[name] = inherited[name] }
        env["HOME"] = home.path
        env["XDG_CONFIG_HOME"] = home.appendingPathComponent(".config").path
        env["XDG_STATE_HOME"] = home.appendingPathComponent(".local/state").path
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        env["GIT_CONFIG_GLOBAL"] = home.appendingPathComponent(".gitconfig").path
        env["NO_COLOR"] = "1"
        return env
    }

    /// Runs `gibson-hook arguments...` in `directory`.
    @discardableResult
    static func run(
        _ arguments: [String], in directory: URL, environment: [String: String], stdin: Data? = nil
    ) throws -> CommandResult {
        try execute(binary, arguments, in: directory, environment: environment, stdin: stdin)
    }

    /// Runs any executable with arguments (no shell).
    static func execute(
        _ executable: URL, _ arguments: [String], in directory: URL, environment: [String: String],
        stdin: Data? = nil
    ) throws -> CommandResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        // Read both pipes concurrently so a chatty child cannot block on a full pipe.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            outData = out.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        // A child that exits before reading all of its input makes the write fail with EPIPE: the throwing
        // form lets the test judge the child's status and output instead of crashing the whole test process.
        if let stdin { try? input.fileHandleForWriting.write(contentsOf: stdin) }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        group.wait()
        return CommandResult(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self), stdoutData: outData)
    }

    /// Finds an executable on PATH.
    static func which(_ name: String) -> URL? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}
