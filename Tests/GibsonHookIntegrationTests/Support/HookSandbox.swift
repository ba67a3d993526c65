import Foundation
import GibsonHookCore

/// A temporary repository with gibson-hook's shims installed and a fake `gibson` named by
/// `GIBSON_HOOK_GIBSON`, plus a reader for the outbox the hooks write to.
final class HookSandbox {
    static let healthyGibson = "#!/bin/sh\necho 'gibson 0.8.12'\n"
    static let brokenGibson = "#!/bin/sh\necho 'gibson: config is corrupt' >&2\nexit 3\n"

    let repo: TemporaryGitRepository
    let gibson: URL

    init(gibsonScript: String? = HookSandbox.healthyGibson, hooks: String = "all") throws {
        repo = try TemporaryGitRepository()
        gibson = repo.sandbox.appendingPathComponent("fake-bin/gibson")
        if let gibsonScript {
            try setGibson(gibsonScript)
            repo.environment["GIBSON_HOOK_GIBSON"] = gibson.path
        }
        let install = try repo.gibsonHook(["install", "--hooks", hooks])
        guard install.status == 0 else { throw TestFailure("install failed: \(install.stderr)") }
    }

    /// Replaces the fake gibson's script.
    func setGibson(_ script: String) throws {
        try FileManager.default.createDirectory(at: gibson.deletingLastPathComponent(), withIntermediateDirectories: true)
        try script.write(to: gibson, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: gibson.path)
    }

    /// Runs git without throwing, for commands expected to fail.
    func gitResult(_ arguments: [String], extraEnvironment: [String: String] = [:]) throws -> CommandResult {
        let gitURL = BinaryRunner.which("git") ?? URL(fileURLWithPath: "/usr/bin/git")
        return try BinaryRunner.execute(
            gitURL, arguments, in: repo.root, environment: repo.environment.merging(extraEnvironment) { _, new in new })
    }

    /// The outbox the hooks write to (`$XDG_STATE_HOME/gibson-hook/outbox.sqlite3`).
    var outboxPath: String { repo.home.path + "/.local/state/gibson-hook/outbox.sqlite3" }

    /// Every stored event of `type` (a suffix such as `git.commit`), oldest first, with its data.
    func events(_ type: String) throws -> [CloudEvent] {
        guard FileManager.default.fileExists(atPath: outboxPath) else { return [] }
        let store = try OutboxStore(path: outboxPath)
        return try store.list(limit: 1000).filter { $0.type.hasSuffix(type) }.map { try store.show(id: $0.id).event.event }
    }

    /// Types of every stored event.
    func eventTypes() throws -> [String] {
        guard FileManager.default.fileExists(atPath: outboxPath) else { return [] }
        return try OutboxStore(path: outboxPath).list(limit: 1000).map(\.type)
    }
}
