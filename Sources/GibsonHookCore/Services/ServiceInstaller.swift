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
    /// Installing launchd jobs needs launchd (macOS).
    case noLaunchd
    /// `launchctl` failed.
    case launchctl(arguments: [String], detail: String)
    /// A value the units would carry holds a control character, which neither a unit file nor a property list
    /// can hold as it is.
    case controlCharacter(name: String, scalar: UInt32)

    public var description: String {
        switch self {
        case .unknownBinary: return "could not find gibson-hook's own path; run it by its absolute path"
        case .fileSystem(let path, let reason): return "could not write '\(path)': \(reason)"
        case .systemctl(let arguments, let detail): return "'systemctl \(arguments.joined(separator: " "))' failed: \(detail)"
        case .noSystemd:
            return "systemd is not running here (a container or CI?); use --output DIR to write the unit files only"
        case .noLaunchd:
            return "launchd is not running here (it is macOS's service manager); use --output DIR to write the property lists only"
        case .launchctl(let arguments, let detail): return "'launchctl \(arguments.joined(separator: " "))' failed: \(detail)"
        case .controlCharacter(let name, let scalar):
            let code = String(scalar, radix: 16, uppercase: true)
            return "\(name) holds the control character U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code), which a unit "
                + "file or property list cannot carry; remove it and run service install again"
        }
    }
}

/// The service manager whose files `service` writes: systemd units, or launchd property lists (macOS).
public enum ServiceManager: String, Sendable, Equatable {
    case systemd
    case launchd

    /// The manager of this operating system: launchd on macOS, systemd elsewhere.
    public static var native: ServiceManager {
        #if os(macOS)
        return .launchd
        #else
        return .systemd
        #endif
    }

    /// The file names this manager's jobs are written to, the listen job's included.
    public var fileNames: [String] { self == .systemd ? ServiceUnits.allNames : LaunchdJobs.allNames }
    /// The jobs status always lists (the listen job only when installed).
    var listedNames: [String] { self == .systemd ? ServiceUnits.names : LaunchdJobs.names }
}

/// Writes, enables, removes and reports the units of `ServiceUnits` (systemd) or the jobs of `LaunchdJobs`.
public struct ServiceInstaller {
    /// Where the units go.
    public let directory: String
    /// systemd or launchd.
    public let manager: ServiceManager
    /// True for system units (`systemctl`), false for user units (`systemctl --user`).
    public let system: Bool
    /// True when only files are written (`--output`): systemctl is never run.
    public let filesOnly: Bool
    let runner: any ProcessRunner
    let environment: ProcessEnvironment

    public init(
        directory: String, system: Bool, filesOnly: Bool, runner: any ProcessRunner, environment: ProcessEnvironment,
        manager: ServiceManager = .systemd
    ) {
        self.directory = directory
        self.manager = manager
        self.system = system
        self.filesOnly = filesOnly
        self.runner = runner
        self.environment = environment
    }

    /// True when systemd is the running init (`/run/systemd/system` exists).
    public static var systemdRunning: Bool { FileManager.default.fileExists(atPath: "/run/systemd/system") }

    /// True when launchd is the running service manager (macOS with `launchctl`).
    public static var launchdRunning: Bool {
        #if os(macOS)
        return FileManager.default.isExecutableFile(atPath: "/bin/launchctl")
        #else
        return false
        #endif
    }

    /// True when this installer's manager runs here.
    public var managerRunning: Bool { manager == .systemd ? Self.systemdRunning : Self.launchdRunning }

    /// Writes `files` (`ServiceUnits` or `LaunchdJobs`); unless `filesOnly`, reloads systemd and enables and
    /// starts the units, or loads the jobs into launchd (`launchctl bootstrap`). Returns the paths written.
    public func install(_ files: [ServiceFile]) throws -> [String] {
        if !filesOnly, !managerRunning { throw manager == .systemd ? ServiceError.noSystemd : ServiceError.noLaunchd }
        try create(directory)
        var written: [String] = []
        for file in files {
            let path = directory + "/" + file.name
            do { try Data(file.text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
                throw ServiceError.fileSystem(path: path, reason: (error as NSError).localizedDescription)
            }
            written.append(path)
        }
        guard !filesOnly else { return written }
        switch manager {
        case .systemd:
            try systemctl(["daemon-reload"])
            try systemctl(["enable", "--now"] + files.map(\.name))
        case .launchd:
            for path in written {
                try? launchctl(["bootout", domain, path])  // a job loaded by an earlier install
                try launchctl(["bootstrap", domain, path])
            }
        }
        return written
    }

    /// launchd's domain: the user's GUI session, or the system.
    var domain: String { system ? "system" : "gui/\(getuid())" }

    /// Stops, disables and removes the units install wrote (files carrying the marker); returns the paths removed.
    public func uninstall() throws -> [String] {
        let ours = manager.fileNames.map { directory + "/" + $0 }.filter { path in
            let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            return manager == .systemd ? text.hasPrefix(ServiceUnits.marker) : text.contains("<!-- \(ServiceUnits.markerText) -->")
        }
        if !filesOnly, managerRunning, !ours.isEmpty {
            switch manager {
            case .systemd: try? systemctl(["disable", "--now"] + ours.map { ($0 as NSString).lastPathComponent })
            case .launchd: for path in ours { try? launchctl(["bootout", domain, path]) }
            }
        }
        for path in ours {
            do { try FileManager.default.removeItem(atPath: path) } catch {
                throw ServiceError.fileSystem(path: path, reason: (error as NSError).localizedDescription)
            }
        }
        if !filesOnly, manager == .systemd, Self.systemdRunning, !ours.isEmpty { try? systemctl(["daemon-reload"]) }
        return ours
    }

    /// Each unit's state: from `systemctl is-active` when systemd runs, else whether its file is installed.
    public func status() -> [(name: String, installed: Bool, active: String?)] {
        manager.fileNames.filter { manager.listedNames.contains($0) || FileManager.default.fileExists(atPath: directory + "/" + $0) }
            .map { name in
            let installed = FileManager.default.fileExists(atPath: directory + "/" + name)
            guard managerRunning, !filesOnly else { return (name, installed, nil) }
            if manager == .launchd {
                let label = String(name.dropLast(".plist".count))
                let loaded = (try? runner.run(ProcessRequest(
                    executable: "launchctl", arguments: ["print", domain + "/" + label], environment: environment, timeout: 30)))?.exitStatus == 0
                return (name, installed, loaded ? "loaded" : "not loaded")
            }
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

    private func launchctl(_ arguments: [String]) throws {
        let result = try runner.run(ProcessRequest(executable: "launchctl", arguments: arguments, environment: environment, timeout: 30))
        guard result.exitStatus == 0 else {
            throw ServiceError.launchctl(arguments: arguments, detail: String(decoding: result.standardError, as: UTF8.self)
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
