import Foundation
import Testing

/// install.sh, run with the binary under test (GIBSON_HOOK_INSTALL_BINARY) so no release build is needed.
@Suite struct InstallScriptTests {
    static let installed = [
        "bin/gibson-hook", "share/man/man1/gibson-hook.1", "share/bash-completion/completions/gibson-hook",
        "share/zsh/site-functions/_gibson-hook", "share/fish/vendor_completions.d/gibson-hook.fish",
        "share/gibson-hook/install-manifest",
    ]

    private func runInstall(
        _ arguments: [String], sandbox: TemporaryGitRepository, extra: [String: String], in directory: URL? = nil
    ) throws -> CommandResult {
        let script = RepositoryFiles.root.appendingPathComponent("install.sh")
        var environment = sandbox.environment.merging(extra) { _, new in new }
        environment["GIBSON_HOOK_INSTALL_BINARY"] = BinaryRunner.binary.path
        return try BinaryRunner.execute(
            URL(fileURLWithPath: "/bin/bash"), [script.path] + arguments, in: directory ?? sandbox.sandbox,
            environment: environment)
    }

    @Test func installsIsIdempotentAndUninstallsExactlyWhatItInstalled() throws {
        let sandbox = try TemporaryGitRepository()
        let prefix = sandbox.sandbox.appendingPathComponent("prefix")
        try FileManager.default.createDirectory(at: prefix.appendingPathComponent("bin"), withIntermediateDirectories: true)
        try "keep me".write(to: prefix.appendingPathComponent("bin/other-tool"), atomically: true, encoding: .utf8)
        let env = ["PREFIX": prefix.path]

        let first = try runInstall([], sandbox: sandbox, extra: env)
        #expect(first.status == 0, "\(first.stderr)")
        for path in Self.installed {
            #expect(FileManager.default.fileExists(atPath: prefix.appendingPathComponent(path).path), "\(path)")
        }
        #expect(FileManager.default.isExecutableFile(atPath: prefix.appendingPathComponent("bin/gibson-hook").path))
        let manifest = try String(contentsOf: prefix.appendingPathComponent("share/gibson-hook/install-manifest"), encoding: .utf8)
        #expect(manifest.contains(prefix.appendingPathComponent("share/man/man1/gibson-hook.1").path + "\n"))
        #expect(!manifest.contains("other-tool"))

        let second = try runInstall([], sandbox: sandbox, extra: env)
        #expect(second.status == 0)
        #expect(second.stdout.contains("up to date \(prefix.path)/bin/gibson-hook"))
        #expect(!second.stdout.contains("installed \(prefix.path)/bin"))
        let secondManifest = try String(contentsOf: prefix.appendingPathComponent("share/gibson-hook/install-manifest"), encoding: .utf8)
        #expect(secondManifest == manifest)

        let removed = try runInstall(["--uninstall"], sandbox: sandbox, extra: env)
        #expect(removed.status == 0)
        for path in Self.installed {
            #expect(!FileManager.default.fileExists(atPath: prefix.appendingPathComponent(path).path), "\(path)")
        }
        #expect(!FileManager.default.fileExists(atPath: prefix.appendingPathComponent("share").path))
        #expect(FileManager.default.fileExists(atPath: prefix.appendingPathComponent("bin/other-tool").path))
    }

    @Test func destdirStagesUnderItAndRecordsThePrefixPaths() throws {
        let sandbox = try TemporaryGitRepository()
        let stage = sandbox.sandbox.appendingPathComponent("stage")
        let result = try runInstall([], sandbox: sandbox, extra: ["DESTDIR": stage.path, "PREFIX": "/opt/gh"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.isExecutableFile(atPath: stage.appendingPathComponent("opt/gh/bin/gibson-hook").path))
        let manifest = try String(contentsOf: stage.appendingPathComponent("opt/gh/share/gibson-hook/install-manifest"), encoding: .utf8)
        #expect(manifest.hasPrefix("/opt/gh/bin/gibson-hook\n"))
    }

    @Test func insideARepositoryItChecksTheConfigurationAndPrintsTheNextStep() throws {
        let sandbox = try TemporaryGitRepository()
        try sandbox.write(".gibson-hook.yml", "gibson:\n  timeout: 5 minutes\n")
        let prefix = sandbox.sandbox.appendingPathComponent("prefix")
        let result = try runInstall([], sandbox: sandbox, extra: ["PREFIX": prefix.path], in: sandbox.root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("note: the configuration in '\(sandbox.root.path)' has problems: run '\(prefix.path)/bin/gibson-hook config check'"))
        #expect(result.stdout.contains("next: cd '\(sandbox.root.path)' && '\(prefix.path)/bin/gibson-hook' install   (or ./install.sh --setup)\n"))
        // PREFIX/bin is not on the test's PATH: the script says how to put it (and the man page) there.
        #expect(result.stdout.contains("""
            note: '\(prefix.path)/bin' is not on PATH; add this line to your shell's profile (~/.bashrc, ~/.zshrc):
              export PATH="\(prefix.path)/bin:$PATH" MANPATH="\(prefix.path)/share/man:${MANPATH:-}"

            """), "\(result.stdout)")
    }

    @Test func insideARepositoryItRunsValidateAfterInstalling() throws {
        let sandbox = try TemporaryGitRepository()
        let prefix = sandbox.sandbox.appendingPathComponent("prefix")
        let result = try runInstall(
            [], sandbox: sandbox,
            extra: ["PREFIX": prefix.path, "GIBSON_HOOK_GIBSON": "/nonexistent/gibson"], in: sandbox.root)
        #expect(result.status == 0, "\(result.stderr)")
        // validate ran: it found the missing Gibson executable and the unwired hooks, and said what to do.
        #expect((result.stdout + result.stderr).contains("pre-commit is not wired: run 'gibson-hook install'"), "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("'gibson-hook validate' reported problems"))
        #expect(result.stdout.contains("next: cd '\(sandbox.root.path)' && '\(prefix.path)/bin/gibson-hook' install   (or ./install.sh --setup)\n"))
    }

    @Test func helpIsTheHeaderCommentAndNothingElse() throws {
        let sandbox = try TemporaryGitRepository()
        let result = try runInstall(["--help"], sandbox: sandbox, extra: [:])
        #expect(result.status == 0)
        let header = try RepositoryFiles.read("install.sh").split(separator: "\n", omittingEmptySubsequences: false)
            .dropFirst().prefix { $0.hasPrefix("#") }
            .map { $0.hasPrefix("# ") ? String($0.dropFirst(2)) : String($0.dropFirst()) }
        #expect(result.stdout == header.joined(separator: "\n") + "\n")
        #expect(!result.stdout.contains("set -euo pipefail"))
    }

    @Test func unknownArgumentIsAUsageError() throws {
        let sandbox = try TemporaryGitRepository()
        let result = try runInstall(["--frobnicate"], sandbox: sandbox, extra: ["PREFIX": sandbox.sandbox.path + "/p"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown argument '--frobnicate'"))
    }
}

/// Files of this repository (install.sh, completions/, man/), found from this source file.
enum RepositoryFiles {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }
}
