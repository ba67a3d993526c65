import Foundation
import Testing

/// A command started in a directory that no longer exists (a detached flush outliving its repository, a
/// shell in a removed directory) ends like any other: it must not search upwards forever.
@Suite struct DeletedDirectoryTests {
    @Test func flushInADeletedDirectoryEndsWithinItsDeadline() throws {
        let sandbox = try TemporaryGitRepository()
        let gone = sandbox.sandbox.appendingPathComponent("gone")
        try FileManager.default.createDirectory(at: gone, withIntermediateDirectories: true)
        var environment = sandbox.environment
        environment["GIBSON_HOOK_CLOUDEVENTS_URL"] = "http://127.0.0.1:9/events"
        let script = "cd '\(gone.path)' && rmdir '\(gone.path)' && exec '\(BinaryRunner.binary.path)' flush --deadline 2s"
        // `timeout` turns a hang into a failure instead of a stuck test run.
        let result = try BinaryRunner.execute(
            URL(fileURLWithPath: "/usr/bin/timeout"), ["60", "/bin/sh", "-c", script], in: sandbox.sandbox,
            environment: environment)
        #expect(result.status == 0 || result.status == 3, "\(result.status) \(result.stderr)")
        #expect(result.status != 124)
    }
}
