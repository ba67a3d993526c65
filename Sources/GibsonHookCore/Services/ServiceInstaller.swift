import Foundation

/// Why a service command did not do what was asked.
public enum ServiceError: Error, Equatable, CustomStringConvertible {
    /// The binary's own path is unknown, so no unit can run it.
    case unknownBinary
    /// A unit file could not be written or removed.
    case fileSystem(path: String, reason: String)
    /// `systemctl` failed.
    case systemctl(arguments: [String], detail: String)
    /// Installing needs systemd, which is not running here.
    case noSystemd

    public var description: String {
        switch self {
        case .unknownBinary: return "could not find gibson-hook's own path; run it by its absolute path"
        case .fileSystem(let path, let reason): return "could not write '\(path)': \(reason)"
        case .systemctl(let arguments, let detail): return "'systemctl \(arguments.joined(separator: " "))' failed: \(detail)"
        case .noSystemd:
            return "systemd is not running here (a container or CI?); use --output DIR to write the unit files only"
        }
    }
}

/// Writes, enables, removes and reports the units of `ServiceUnits`.
public struct ServiceInstaller {
    /// Where the units go.
    public let directory: String
    /// True for system units (`systemctl`), false for user units (`systemctl --user`).
    public let system: Bool
    /// True when only files are written (`--output`): systemctl is never run.
    public let filesOnly: Bool
    let runner: any ProcessRunner
    let environment: ProcessEnvironment

    public init(directory: String, system: Bool, filesOnly: Bool, runner: any ProcessRunner, environment: ProcessEnvironment) {
        self.directory = directory
        self.system = system
        self.filesOnly = filesOnly
        self.runner = runner
        self.environment = environment
    }

    /// True when systemd is the running init (`/run/systemd/system` exists).
    public static var systemdRunning: Bool { FileManager.default.fileExists(atPath: "/run/systemd/system") }

    /// Writes `units`; unless `filesOnly`, reloads systemd and enables and starts them. Returns the paths written.
    public func install(_ units: ServiceUnits) throws -> [String] {
        if !filesOnly, !Self.systemdRunning { throw ServiceError.noSystemd }
        try create(directory)
        var written: [String] = []
        for file in units.files {
            let path = directory + "/" + file.name
            do { try Data(file.text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
                throw ServiceError.fileSystem(path: path, reason: (error as NSError).localizedDescription)
            }
            written.append(path)
        }
        if !filesOnly {
            try systemctl(["daemon-reload"])
            try systemctl(["enable", "--now"] + ServiceUnits.names)
        }
        return written
    }

    /// Stops, disables and removes the units install wrote (files carrying the marker); returns the paths removed.
    public func uninstall() throws -> [String] {
        let ours = ServiceUnits.names.map { directory + "/" + $0 }.filter { path in
            (try? String(contentsOfFile: path, encoding: .utf8))?.hasPrefix(ServiceUnits.marker) == true
        }
        if !filesOnly, Self.systemdRunning, !ours.isEmpty { try? systemctl(["disable", "--now"] + ServiceUnits.names) }
        for path in ours {
            do { try FileManager.default.removeItem(atPath: path) } catch {
                throw ServiceError.fileSystem(path: path, reason: (error as NSError).localizedDescription)
            }
        }
        if !filesOnly, Self.systemdRunning, !ours.isEmpty { try? systemctl(["daemon-reload"]) }
        return ours
    }

    /// Each unit's state: from `systemctl is-active` when systemd runs, else whether its file is installed.
    public func status() -> [(name: String, installed: Bool, active: String?)] {
        ServiceUnits.names.map { name in
            let installed = FileManager.default.fileExists(atPath: directory + "/" + name)
            guard Self.systemdRunning, !filesOnly else { return (name, installed, nil) }
            let result = try? run(["is-active", name])
            let state = result?.outputText.trimmingCharacters(in: .whitespacesAndNewlines)
            return (name, installed, state?.isEmpty == false ? state : "unknown")
        }
    }

    private func systemctl(_ arguments: [String]) throws {
        let result = try run(arguments)
        guard result.exitStatus == 0 else {
            throw ServiceError.systemctl(arguments: arguments, detail: String(decoding: result.standardError, as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    private func run(_ arguments: [String]) throws -> ProcessResult {
        let all = (system ? [] : ["--user"]) + arguments
        return try runner.run(ProcessRequest(executable: "systemctl", arguments: all, environment: environment, timeout: 30))
    }

    private func create(_ path: String) throws {
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            throw ServiceError.fileSystem(path: path, reason: (error as NSError).localizedDescription)
        }
    }
}
