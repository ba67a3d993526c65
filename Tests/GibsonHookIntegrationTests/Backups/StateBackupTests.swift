import Foundation
import Testing
@testable import GibsonHookCore

/// `gibson-hook state backup|list|restore|prune` on a state directory the real gibson-cli created.
@Suite struct StateBackupTests {
    /// Path → (mode, bytes or link target) of every entry under `root`.
    private func tree(_ root: URL) throws -> [String: String] {
        try StateTree.entries(of: root.path).reduce(into: [:]) { $0[$1.path] = "\($1.kind) \($1.mode) \($1.sha256)" }
    }

    @Test func aBackupOfRealGibsonStateRestoresByteForByteAndACorruptBackupIsRefused() throws {
        let sandbox = try TemporaryGitRepository()
        let stateDir = sandbox.sandbox.appendingPathComponent("hook-state")
        let env = ["GIBSON_HOOK_STATE_DIR": stateDir.path]
        // gibson-cli 0.8.12 creates ~/.gibsonai (bash_completion) on its first run, offline too.
        _ = try BinaryRunner.execute(try HealthFixtures.realGibson(), ["--version"], in: sandbox.sandbox, environment: sandbox.environment)
        let gibsonai = sandbox.home.appendingPathComponent(".gibsonai")
        #expect(FileManager.default.fileExists(atPath: gibsonai.appendingPathComponent("bash_completion").path))
        let config = #"{"meta": {"version": 2}, "project": {"api": {"key": "secret"}}}"#
        try config.write(
            to: gibsonai.appendingPathComponent("config"), atomically: true, encoding: .utf8)
        _ = chmod(gibsonai.appendingPathComponent("config").path, 0o600)
        try FileManager.default.createDirectory(at: gibsonai.appendingPathComponent("memory/p1"), withIntermediateDirectories: true)
        try Data([0, 1, 2, 255]).write(to: gibsonai.appendingPathComponent("memory/p1/entities.bin"))
        try FileManager.default.createSymbolicLink(atPath: gibsonai.appendingPathComponent("current").path, withDestinationPath: "memory/p1")
        let original = try tree(gibsonai)

        let made = try sandbox.gibsonHook(["state", "backup", "--json"], extraEnvironment: env)
        #expect(made.status == 0, "\(made.stderr)")
        let backup = try JSONValue.parse(made.stdoutData)
        let id = try #require(backup["id"]?.stringValue)
        #expect(backup["files"] == 3)
        #expect(backup["source"]?.stringValue == gibsonai.path)
        let size = try FileManager.default.attributesOfItem(atPath: gibsonai.appendingPathComponent("bash_completion").path)[.size] as? Int ?? 0
        #expect(backup["size"]?.intValue == Int64(size + config.utf8.count + 4))

        // Gibson's state is damaged: config rewritten, a file lost, a stray file added.
        try "{broken".write(to: gibsonai.appendingPathComponent("config"), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: gibsonai.appendingPathComponent("memory/p1/entities.bin"))
        try "x".write(to: gibsonai.appendingPathComponent("stray"), atomically: true, encoding: .utf8)
        let damaged = try tree(gibsonai)

        let restored = try sandbox.gibsonHook(["state", "restore", id], extraEnvironment: env)
        #expect(restored.status == 0, "\(restored.stderr)")
        #expect(try tree(gibsonai) == original)
        let list = try JSONValue.parse(try sandbox.gibsonHook(["state", "list", "--json"], extraEnvironment: env).stdoutData)
        let ids = (list.arrayValue ?? []).compactMap { $0["id"]?.stringValue }
        #expect(ids.count == 2 && ids.first == id)
        let previous = try #require(ids.last)
        #expect(restored.stdout == "backed up the replaced state as \(previous)\nrestored \(id) into \(gibsonai.path)\n")

        // The backup of what the restore replaced holds the damaged state, and restores it too.
        #expect(try sandbox.gibsonHook(["state", "restore", previous], extraEnvironment: env).status == 0)
        #expect(try tree(gibsonai) == damaged)

        // A corrupted backup is refused and nothing changes.
        let copy = stateDir.appendingPathComponent("gibson-state-backups/\(id)/tree/config")
        try #"{"meta": {"version": 2}, "project": {"api": {"key": "SECRET"}}}"#.write(to: copy, atomically: true, encoding: .utf8)
        let refused = try sandbox.gibsonHook(["state", "restore", id], extraEnvironment: env)
        #expect(refused.status == 1)
        #expect(refused.stdout == "")
        #expect(refused.stderr == """
            gibson-hook: error: state backup '\(id)' failed its checksum ('config' differs from the manifest); it was \
            not restored and nothing was changed

            """)
        #expect(try tree(gibsonai) == damaged)

        let pruned = try sandbox.gibsonHook(["state", "prune", "--keep", "1", "--json"], extraEnvironment: env)
        #expect(pruned.status == 0, "\(pruned.stderr)")
        let removed = (try JSONValue.parse(pruned.stdoutData).arrayValue ?? []).compactMap { $0["id"]?.stringValue }
        let after = (try JSONValue.parse(try sandbox.gibsonHook(["state", "list", "--json"], extraEnvironment: env).stdoutData)
            .arrayValue ?? []).compactMap { $0["id"]?.stringValue }
        #expect(after.count == 1 && !removed.contains(after[0]) && removed.contains(id))
    }

    @Test func localRecoveryBacksUpIntoTheSameStoreAndRestoresLostFilesFromIt() throws {
        let sandbox = try TemporaryGitRepository()
        let stateDir = sandbox.sandbox.appendingPathComponent("hook-state")
        let gibsonai = sandbox.home.appendingPathComponent(".gibsonai")
        try FileManager.default.createDirectory(at: gibsonai, withIntermediateDirectories: true)
        try "keep me\n".write(to: gibsonai.appendingPathComponent("notes"), atomically: true, encoding: .utf8)
        // A broken gibson whose restart command loses a state file and then repairs gibson.
        let marker = sandbox.sandbox.appendingPathComponent("repaired")
        let gibson = sandbox.sandbox.appendingPathComponent("bin/gibson")
        try HealthFixtures.script(gibson, "if [ -f '\(marker.path)' ]; then echo 'gibson 0.8.12'; else echo broken >&2; exit 3; fi")
        let env = ["GIBSON_HOOK_STATE_DIR": stateDir.path, "GIBSON_HOOK_GIBSON": gibson.path]
        let watch = try sandbox.gibsonHook([
            "health", "--watch", "--rounds", "1", "--json",
            "--set", "gibson.recovery.restartCommand=[sh, -c, 'rm \(gibsonai.path)/notes; touch \(marker.path)']",
            "--set", "gibson.recovery.backoff=100ms",
        ], extraEnvironment: env)
        #expect(watch.status == 0, "\(watch.stdout)\(watch.stderr)")
        let list = try JSONValue.parse(try sandbox.gibsonHook(["state", "list", "--json"], extraEnvironment: env).stdoutData)
        let ids = (list.arrayValue ?? []).compactMap { $0["id"]?.stringValue }
        #expect(ids.count == 1)
        let id = try #require(ids.first)
        let steps = try JSONValue.parse(watch.stdout)["recovery"]?["steps"]?.arrayValue ?? []
        let details = steps.compactMap { step in step["detail"]?.stringValue.map { "\(step["name"]?.stringValue ?? ""): \($0)" } }
        let store = stateDir.appendingPathComponent("gibson-state-backups").path
        #expect(details.contains("backup: backed up '\(gibsonai.path)' as state backup '\(id)' in '\(store)'"), "\(details)")
        #expect(details.contains("restore: restored 1 file(s) of gibson state from '\(store)/\(id)/tree'"), "\(details)")
        #expect(try String(contentsOf: gibsonai.appendingPathComponent("notes"), encoding: .utf8) == "keep me\n")
    }

    /// `gibson.backups` in the repository's file: `state backup` keeps the newest `keep` (never the new one
    /// removed), and `state prune` without flags applies the same keys.
    @Test func backupsKeepWhatGibsonBackupsSays() throws {
        let sandbox = try TemporaryGitRepository()
        let stateDir = sandbox.sandbox.appendingPathComponent("hook-state")
        let env = ["GIBSON_HOOK_STATE_DIR": stateDir.path]
        let gibsonai = sandbox.home.appendingPathComponent(".gibsonai")
        try FileManager.default.createDirectory(at: gibsonai, withIntermediateDirectories: true)
        try "v1\n".write(to: gibsonai.appendingPathComponent("config"), atomically: true, encoding: .utf8)
        try "gibson:\n  backups:\n    keep: 2\n".write(
            to: sandbox.root.appendingPathComponent(".gibson-hook.yml"), atomically: true, encoding: .utf8)

        var made: [String] = []
        var removed: [[String]] = []
        for _ in 0..<3 {
            let result = try sandbox.gibsonHook(["state", "backup", "--json"], extraEnvironment: env)
            #expect(result.status == 0, "\(result.stderr)")
            let json = try JSONValue.parse(result.stdoutData)
            made.append(try #require(json["id"]?.stringValue))
            removed.append((json["removed"]?.arrayValue ?? []).compactMap(\.stringValue))
        }
        #expect(removed == [[], [], [made[0]]])
        let listed = try JSONValue.parse(try sandbox.gibsonHook(["state", "list", "--json"], extraEnvironment: env).stdoutData)
        #expect((listed.arrayValue ?? []).compactMap { $0["id"]?.stringValue } == [made[1], made[2]])

        // The text form names what retention removed.
        let text = try sandbox.gibsonHook(["state", "backup"], extraEnvironment: env)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.hasSuffix("removed \(made[1]) (gibson.backups)\n"), "\(text.stdout)")

        // `state prune` without --keep: the configured keep (here 1, set on the command line).
        let pruned = try sandbox.gibsonHook(
            ["state", "prune", "--json", "--set", "gibson.backups.keep=1"], extraEnvironment: env)
        #expect(pruned.status == 0, "\(pruned.stderr)")
        #expect((try JSONValue.parse(pruned.stdoutData).arrayValue ?? []).compactMap { $0["id"]?.stringValue } == [made[2]])
        let left = try JSONValue.parse(try sandbox.gibsonHook(["state", "list", "--json"], extraEnvironment: env).stdoutData)
        #expect((left.arrayValue ?? []).count == 1)
    }

    /// A `maxAge` shorter than the backup itself takes never removes the backup just made; 0 is refused.
    @Test func aTinyMaxAgeKeepsTheNewBackupAndZeroIsAConfigurationError() throws {
        let sandbox = try TemporaryGitRepository()
        let env = ["GIBSON_HOOK_STATE_DIR": sandbox.sandbox.appendingPathComponent("hook-state").path]
        let gibsonai = sandbox.home.appendingPathComponent(".gibsonai")
        try FileManager.default.createDirectory(at: gibsonai, withIntermediateDirectories: true)
        try "v1\n".write(to: gibsonai.appendingPathComponent("config"), atomically: true, encoding: .utf8)
        var made: [String] = []
        var removed: [[String]] = []
        for _ in 0..<2 {
            let result = try sandbox.gibsonHook(["state", "backup", "--json", "--set", "gibson.backups.maxAge=1ms"], extraEnvironment: env)
            #expect(result.status == 0, "\(result.stderr)")
            let json = try JSONValue.parse(result.stdoutData)
            made.append(try #require(json["id"]?.stringValue))
            removed.append((json["removed"]?.arrayValue ?? []).compactMap(\.stringValue))
        }
        #expect(removed == [[], [made[0]]])
        let listed = try JSONValue.parse(try sandbox.gibsonHook(["state", "list", "--json"], extraEnvironment: env).stdoutData)
        #expect((listed.arrayValue ?? []).compactMap { $0["id"]?.stringValue } == [made[1]])

        let zero = try sandbox.gibsonHook(["state", "backup", "--set", "gibson.backups.maxAge=0s"], extraEnvironment: env)
        #expect(zero.status == 2)
        #expect(zero.stdout == "")
        #expect(zero.stderr == """
            gibson-hook: error: invalid configuration (1 error):
            flag --set gibson.backups.maxAge: error: invalid value '0s' for 'gibson.backups.maxAge': expected a duration longer \
            than 0 such as 30s, 1h or 7d
            fix the values above; `gibson-hook config check` lists every problem

            """)
    }

    @Test func anUnknownBackupIsAClearError() throws {
        let sandbox = try TemporaryGitRepository()
        let result = try sandbox.gibsonHook(["state", "restore", "nope"], extraEnvironment: ["GIBSON_HOOK_STATE_DIR": sandbox.sandbox.path + "/s"])
        #expect(result.status == 1)
        #expect(result.stderr == "gibson-hook: error: no state backup has id 'nope'; run 'gibson-hook state list' to see them\n")
    }
}
