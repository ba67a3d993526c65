import Foundation
import GibsonHookCore
import Testing

/// Real `git commit`s through the shims `gibson-hook install` writes, in repositories whose configuration
/// cannot be used. The pre-commit gate blocks with the diagnosis (docs/configuration.md, "An unusable
/// configuration"); hooks after the commit report it, keep their event and never fail git.
@Suite struct UnusableConfigurationHookTests {
    /// The lines of `text`, for output whose framing belongs to the hook runner and whose diagnosis is ours.
    private func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    @Test func aCommittedAliasBombBlocksTheCommitAtOnceWithTheDiagnosis() throws {
        let sandbox = try HookSandbox()
        try sandbox.repo.write(".gibson-hook.yml", HostileConfigurationTests.aliasBomb)
        try sandbox.repo.git(["add", "-A"])
        let commit = try sandbox.gitResult(["commit", "-q", "-m", "bomb"])
        let file = sandbox.repo.root.appendingPathComponent(".gibson-hook.yml").path
        #expect(commit.status == 1)
        #expect(lines(commit.stderr).contains("\(file):6:14: error: the YAML document expands to more than 250000 "
            + "values here, counting each alias as the value it repeats: remove nested aliases (an alias bomb looks "
            + "like this) or shorten the file"))
        #expect(lines(commit.stderr).contains("fix the values above; `gibson-hook config check` lists every problem"))
        // Blocked: no commit was made.
        #expect(try sandbox.gitResult(["rev-parse", "--verify", "-q", "HEAD"]).status != 0)
        // The documented way past the gate.
        let skipped = try sandbox.gitResult(["commit", "-q", "-m", "bomb"], extraEnvironment: ["GIBSON_HOOK": "0"])
        #expect(skipped.status == 0)
        #expect(skipped.stderr.isEmpty)
    }

    @Test func anInvalidSinkURLIsReportedByThePostCommitHookWhichNeverFailsGit() throws {
        let sandbox = try HookSandbox(hooks: "post-commit")
        try sandbox.repo.write(".gibson-hook.yml", "sinks:\n  cloudEvents:\n    url: \"http://sink.example:99999/in?apikey=s3cr3t\"\n")
        try sandbox.repo.git(["add", "-A"])
        let commit = try sandbox.gitResult(["commit", "-q", "-m", "first"])
        let file = sandbox.repo.root.appendingPathComponent(".gibson-hook.yml").path
        #expect(commit.status == 0)
        #expect(lines(commit.stderr).contains("\(file):3:10: error: invalid URL 'http://sink.example:99999/in?apikey=********' "
            + "for 'sinks.cloudEvents.url': port 99999 is above 65535, the largest port"))
        #expect(!commit.stderr.contains("s3cr3t"))
        // The commit's event is kept, with the built-in defaults, for a flush once the file is fixed.
        #expect(lines(commit.stderr).last == "gibson-hook: warning: stored the post-commit event with the built-in defaults "
            + "in '\(sandbox.outboxPath)' and delivered nothing: fix the configuration, then run 'gibson-hook flush'")
        #expect(try sandbox.eventTypes() == ["ai.gibson.hook.git.commit"])
    }
}
