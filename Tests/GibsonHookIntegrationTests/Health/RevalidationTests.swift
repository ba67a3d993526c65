import Foundation
import GibsonHookCore
import Testing

/// Stale-while-revalidate through real `git commit` with installed shims: an expired healthy result lets the
/// commit pass at once while a detached `health --revalidate` re-checks Gibson.
@Suite struct RevalidationTests {
    /// One gibson for the whole test (replacing it would change the target's identity and so its cache
    /// key), steered by files in `dir`: with `slow` it writes `invoked` and answers only once `release`
    /// exists; with `broken` it fails; with `count` present it appends a line each time it is started.
    static func steerableGibson(_ dir: URL) -> String {
        """
        #!/bin/sh
        d='\(dir.path)'
        touch "$d/invoked"
        if [ -f "$d/broken" ]; then echo 'gibson: config is corrupt' >&2; exit 3; fi
        if [ -f "$d/slow" ]; then
          i=0
          while [ ! -f "$d/release" ] && [ $i -lt 1200 ]; do sleep 0.1; i=$((i+1)); done
        fi
        echo 'gibson 0.8.12'
        """
    }

    /// A sandbox whose first commit stored a healthy result, which is then made an hour old; `dir` steers
    /// its gibson (see `steerableGibson`).
    func expiredHealthySandbox(config: String = "") throws -> (HookSandbox, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gh-reval-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let sandbox = try HookSandbox(gibsonScript: Self.steerableGibson(dir), hooks: "pre-commit")
        try sandbox.repo.write(".config/gibson-hook/config.yml", "gibson:\n  timeout: 60s\n" + config, in: sandbox.repo.home)
        try sandbox.repo.write("a.txt")
        try sandbox.repo.commit("healthy, cached")
        try expire(cachePath(sandbox))
        try FileManager.default.removeItem(atPath: dir.path + "/invoked")
        return (sandbox, dir)
    }

    func mark(_ dir: URL, _ name: String) { _ = FileManager.default.createFile(atPath: dir.path + "/" + name, contents: nil) }

    func cachePath(_ sandbox: HookSandbox) -> String { sandbox.repo.home.path + "/.local/state/gibson-hook/health-cache.json" }

    func checkedAt(_ path: String) throws -> Int64? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try JSONValue.parse(data)["checkedAt"]?.intValue
    }

    /// Rewrites the cache entry as checked one hour ago, keeping its key.
    func expire(_ path: String) throws {
        let stored = try JSONValue.parse(try #require(FileManager.default.contents(atPath: path)))
        let key = try #require(stored["key"]?.stringValue)
        let old = Int64(Date().timeIntervalSince1970 * 1000) - 3_600_000
        let entry: JSONValue = ["key": .string(key), "checkedAt": .integer(old)]
        try entry.serialized().write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Waits (without a time assertion) until `condition` holds, for at most a minute.
    func eventually(_ condition: () throws -> Bool) rethrows -> Bool {
        for _ in 0..<600 {
            if try condition() { return true }
            usleep(100_000)
        }
        return try condition()
    }

    @Test func anExpiredHealthyResultPassesAtOnceAndIsRefreshedByTheDetachedCheck() throws {
        let (sandbox, dir) = try expiredHealthySandbox()
        defer { try? FileManager.default.removeItem(at: dir) }
        let before = try #require(try checkedAt(cachePath(sandbox)))
        mark(dir, "slow")
        try sandbox.repo.write("b.txt")
        try sandbox.repo.commit("passes while gibson is re-checked")
        // The commit finished although gibson could not have answered yet: it is waiting for `release`.
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/release"))
        #expect(eventually { FileManager.default.fileExists(atPath: dir.path + "/invoked") })
        mark(dir, "release")
        let refreshed = eventually { (try? sandbox.events("gibson.health-check").isEmpty == false) ?? false }
        #expect(refreshed)
        let event = try #require(try sandbox.events("gibson.health-check").first)
        #expect(event.data?["serviceStatus"]?.stringValue == "running")
        #expect(event.data?["metadata"]?["step"]?.stringValue == "revalidate")
        #expect(event.data?["metadata"]?["healthy"] == .bool(true))
        #expect(try #require(try checkedAt(cachePath(sandbox))) > before)
        #expect(eventually { !FileManager.default.fileExists(atPath: sandbox.repo.home.path + "/.local/state/gibson-hook/health-revalidating") })
    }

    @Test func blockingProbesBeforeTheCommitGoesOn() throws {
        let (sandbox, dir) = try expiredHealthySandbox(config: "  revalidate: blocking\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        let before = try #require(try checkedAt(cachePath(sandbox)))
        try sandbox.repo.write("b.txt")
        try sandbox.repo.commit("waits for the probe")
        #expect(FileManager.default.fileExists(atPath: dir.path + "/invoked"))
        #expect(try #require(try checkedAt(cachePath(sandbox))) > before)
        #expect(try sandbox.events("gibson.health-check").filter { $0.data?["metadata"]?["step"]?.stringValue == "revalidate" }.isEmpty)
    }

    @Test func neverCheckedBlocks() throws {
        let sandbox = try HookSandbox(gibsonScript: HookSandbox.brokenGibson, hooks: "pre-commit")
        try sandbox.repo.write("a.txt")
        try sandbox.repo.git(["add", "-A"])
        let blocked = try sandbox.gitResult(["commit", "-q", "-m", "never checked"])
        #expect(blocked.status != 0)
        #expect(blocked.stderr.contains("gibson is unhealthy"), "\(blocked.stderr)")
        // One blocked commit, one incident: diagnose, backup, restart (cannot: no command) and complete, not
        // three re-checks with their events (9 events before).
        let types = try sandbox.eventTypes()
        #expect(types.count == 4, "\(types)")
    }

    @Test func aDetachedCheckThatFindsGibsonBrokenMakesTheNextCommitBlock() throws {
        let (sandbox, dir) = try expiredHealthySandbox()
        defer { try? FileManager.default.removeItem(at: dir) }
        mark(dir, "broken")
        try sandbox.repo.write("b.txt")
        try sandbox.repo.commit("passes on the expired healthy result")
        #expect(eventually { (try? sandbox.events("gibson.health-check").isEmpty == false) ?? false })
        let event = try #require(try sandbox.events("gibson.health-check").first)
        #expect(event.data?["serviceStatus"]?.stringValue == "error")
        #expect(eventually { !FileManager.default.fileExists(atPath: cachePath(sandbox)) })
        // Known unhealthy now: the gate probes and blocks.
        try sandbox.repo.write("c.txt")
        try sandbox.repo.git(["add", "-A"])
        let blocked = try sandbox.gitResult(["commit", "-q", "-m", "known unhealthy"])
        #expect(blocked.status != 0)
        #expect(blocked.stderr.contains("gibson is unhealthy"), "\(blocked.stderr)")
    }
}
