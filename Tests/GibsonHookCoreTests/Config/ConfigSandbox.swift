import Foundation
@testable import GibsonHookCore

/// A temporary HOME and repository for configuration tests: files are written, the loader runs on them.
final class ConfigSandbox {
    let base: URL
    let home: URL
    let repository: URL
    var environment: [String: String]

    init() throws {
        base = FileManager.default.temporaryDirectory.appendingPathComponent("gh-config-\(UUID().uuidString)")
            .resolvingSymlinksInPath()
        home = base.appendingPathComponent("home")
        repository = base.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: repository.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        environment = ["HOME": home.path]
    }

    deinit { try? FileManager.default.removeItem(at: base) }

    /// The user file under `~/.config`.
    var userFile: URL { home.appendingPathComponent(".config/gibson-hook/config.yml") }
    var repositoryFile: URL { repository.appendingPathComponent(".gibson-hook.yml") }
    var localFile: URL { repository.appendingPathComponent(".gibson-hook.local.yml") }

    /// Writes `text` to `url` with `mode` (default owner-only, so secrets earn no warning).
    @discardableResult
    func write(_ text: String, to url: URL, mode: Int = 0o600) throws -> URL {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
        return url
    }

    func loader(in directory: URL? = nil) -> ConfigLoader {
        ConfigLoader(environment: ProcessEnvironment(environment), workingDirectory: (directory ?? repository).path)
    }

    func load(_ overrides: ConfigOverrides = ConfigOverrides()) throws -> LoadedConfiguration {
        try loader().load(overrides: overrides)
    }

    func check(_ overrides: ConfigOverrides = ConfigOverrides()) -> [ConfigDiagnostic] {
        loader().check(overrides: overrides)
    }
}
