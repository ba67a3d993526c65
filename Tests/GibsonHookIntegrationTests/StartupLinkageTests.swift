import Foundation
import Testing

/// Every git hook starts the binary; what it links decides what each start costs.
@Suite struct StartupLinkageTests {
    /// libcurl (and its Kerberos, LDAP, TLS and SSH dependencies) is opened only when a command makes a
    /// request, never at start-up; librdkafka only when a process delivers to Kafka brokers natively; libgit2
    /// (and its fifteen dependencies) only when a process reads a repository; libsqlite3 only when it opens
    /// the outbox.
    @Test func noOptionalLibraryIsLinkedAtStartUp() throws {
        guard let readelf = BinaryRunner.which("readelf") else {
            Issue.record("readelf (binutils) is needed to inspect the binary")
            return
        }
        let result = try BinaryRunner.execute(
            readelf, ["-d", BinaryRunner.binary.path], in: URL(fileURLWithPath: "/"),
            environment: ProcessInfo.processInfo.environment)
        #expect(result.status == 0)
        #expect(result.stdout.contains("libc.so"))
        #expect(!result.stdout.contains("libsqlite3"))
        #expect(!result.stdout.contains("libgit2"))
        #expect(!result.stdout.contains("libcurl"))
        #expect(!result.stdout.contains("librdkafka"))
    }

    /// The libraries a process opened, from the dynamic linker's own trace (`LD_DEBUG=files`).
    static func librariesOpened(_ arguments: [String], in sandbox: HookSandbox) throws -> (CommandResult, String) {
        let result = try sandbox.repo.gibsonHook(arguments, extraEnvironment: ["LD_DEBUG": "files"])
        let opened = result.stderr.split(separator: "\n").filter { $0.contains("file=") }.joined(separator: "\n")
        return (result, opened)
    }

    /// A pre-commit that passes on the cached healthy result reads no repository and stores nothing: it never
    /// opens libgit2 or libsqlite3. The post-commit that reads the commit and stores its event opens both.
    @Test func onlyTheHooksThatReadTheRepositoryOrStoreEventsOpenLibgit2AndSQLite() throws {
        let sandbox = try HookSandbox(hooks: "pre-commit,post-commit")
        try sandbox.repo.write("file.txt")
        _ = try sandbox.repo.commit()  // warms the health cache
        let (gate, gateLibraries) = try Self.librariesOpened(["pre-commit"], in: sandbox)
        #expect(gate.status == 0)
        #expect(gateLibraries.contains("file=libc.so"), "LD_DEBUG=files traced nothing: \(gate.stderr)")
        #expect(!gateLibraries.contains("libgit2"))
        #expect(!gateLibraries.contains("libcurl"))
        #expect(!gateLibraries.contains("libsqlite3"))
        let before = try sandbox.events("git.commit").count
        let (post, postLibraries) = try Self.librariesOpened(["post-commit"], in: sandbox)
        #expect(post.status == 0)
        #expect(postLibraries.contains("libgit2"))
        #expect(postLibraries.contains("libsqlite3"))
        #expect(try sandbox.events("git.commit").count == before + 1)
    }
}
