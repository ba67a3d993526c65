import Foundation

/// Reads and protects Gibson's own state directory (`gibson.stateDirectory`, default `~/.gibsonai`): is its
/// config valid JSON, are credentials present, and backing it up and restoring it during recovery.
public struct GibsonStateInspector: Sendable {
    /// The state directory with `~` expanded.
    public let directory: String
    private let apiKeyEnv: String
    private let environment: ProcessEnvironment

    /// Creates an inspector for `configuration.gibson.stateDirectory`.
    public init(configuration: Configuration, environment: ProcessEnvironment) {
        directory = expandHome(configuration.gibson.stateDirectory, environment: environment)
        apiKeyEnv = configuration.gibson.apiKeyEnv
        self.environment = environment
    }

    /// Gibson's config file (`<state>/config`).
    public var configFile: String { directory + "/config" }

    /// True when the config file exists but is not valid JSON (gibson-cli crashes on it).
    public var configIsCorrupt: Bool {
        guard let data = FileManager.default.contents(atPath: configFile) else { return false }
        return (try? JSONValue.parse(data)) == nil
    }

    /// True when an API key is in the environment, in `<state>/auth`, or in a project of `<state>/config`.
    public var credentialsPresent: Bool {
        if environment.nonEmpty(apiKeyEnv) != nil { return true }
        if let auth = FileManager.default.contents(atPath: directory + "/auth"), !auth.isEmpty { return true }
        guard let data = FileManager.default.contents(atPath: configFile),
            let projects = (try? JSONValue.parse(data))?.objectValue
        else { return false }
        return projects.values.contains { $0["api"]?["key"]?.stringValue.map { !$0.isEmpty } ?? false }
    }

    /// The names of the files in the state directory (recursively), sorted; empty when it does not exist.
    public func fileNames() -> [String] {
        (FileManager.default.enumerator(atPath: directory)?.allObjects as? [String] ?? []).sorted()
    }

    /// Copies the state directory to `destination` (replacing it); false when there was nothing to copy.
    public func backUp(to destination: String) throws -> Bool {
        guard FileManager.default.fileExists(atPath: directory) else { return false }
        try? FileManager.default.removeItem(atPath: destination)
        try FileManager.default.createDirectory(
            atPath: (destination as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: directory, toPath: destination)
        return true
    }

    /// Puts back the files named in `names` (relative paths) from `backup` when they are missing from the
    /// state directory, leaving files that exist alone; returns the restored names.
    public func restoreMissing(from backup: String, names: Set<String>) throws -> [String] {
        var restored: [String] = []
        let files = FileManager.default.enumerator(atPath: backup)?.allObjects as? [String] ?? []
        for name in files.sorted() where names.contains(name) {
            let source = backup + "/" + name, target = directory + "/" + name
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory), !isDirectory.boolValue,
                !FileManager.default.fileExists(atPath: target)
            else { continue }
            try FileManager.default.createDirectory(
                atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: source, toPath: target)
            restored.append(name)
        }
        return restored
    }

    /// Moves a corrupt config file to `quarantine` so Gibson starts on its defaults again.
    public func quarantineConfig(to quarantine: String) throws {
        try FileManager.default.createDirectory(
            atPath: (quarantine as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try? FileManager.default.removeItem(atPath: quarantine)
        try FileManager.default.moveItem(atPath: configFile, toPath: quarantine)
    }
}
