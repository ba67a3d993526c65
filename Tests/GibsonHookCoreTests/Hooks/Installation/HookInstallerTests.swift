import Foundation
import Testing
@testable import GibsonHookCore

@Suite struct HookInstallerTests {
    let directory: TemporaryDirectory
    var hooks: String { directory.path + "/hooks" }

    init() throws { directory = try TemporaryDirectory() }

    func install(_ names: [HookName] = HookName.defaults, binary: String = "/usr/local/bin/gibson-hook", force: Bool = false) throws -> [HookInstallResult] {
        try HookInstaller().install(HookInstallOptions(hooksDirectory: hooks, hooks: names, binary: binary, force: force))
    }

    @Test func installsDefaultHooksIntoAMissingDirectory() throws {
        let results = try install()
        #expect(results.map(\.hook) == [.preCommit, .postCommit])
        #expect(results.map(\.action) == [.installed, .installed])
        #expect(directory.read("hooks/pre-commit") == ShimTemplate.render(hook: .preCommit, binary: "/usr/local/bin/gibson-hook"))
        #expect(try directory.mode("hooks/post-commit") == 0o755)
        #expect(!directory.exists("hooks/pre-push"))
    }

    @Test func reinstallIsIdempotentAndRewritesOtherBinaries() throws {
        _ = try install()
        #expect(try install().map(\.action) == [.unchanged, .unchanged])
        #expect(try install(binary: "/opt/gibson-hook").map(\.action) == [.updated, .updated])
        #expect(ShimTemplate.installedBinary(in: directory.read("hooks/pre-commit")!) == "/opt/gibson-hook")
        #expect(!directory.exists("hooks/pre-commit.pre-gibson-hook"))
    }

    @Test func foreignHookIsMovedAsideAndUninstallRestoresItExactly() throws {
        let original = "#!/bin/sh\n# lefthook\nexec lefthook run pre-commit \"$@\"\n"
        try directory.write("hooks/pre-commit", original, mode: 0o750)
        let results = try install()
        #expect(results[0].chained == hooks + "/pre-commit.pre-gibson-hook")
        #expect(directory.read("hooks/pre-commit.pre-gibson-hook") == original)
        #expect(try install().map(\.action) == [.unchanged, .unchanged])

        let removed = try HookUninstaller().uninstall(hooksDirectory: hooks)
        #expect(removed.first { $0.hook == .preCommit }?.action == .restored)
        #expect(removed.first { $0.hook == .postCommit }?.action == .removed)
        #expect(removed.first { $0.hook == .prePush }?.action == .absent)
        #expect(directory.read("hooks/pre-commit") == original)
        #expect(try directory.mode("hooks/pre-commit") == 0o750)
        #expect(!directory.exists("hooks/pre-commit.pre-gibson-hook"))
        #expect(!directory.exists("hooks/post-commit"))
    }

    @Test func symlinkedHookIsRestoredAsTheSameSymlink() throws {
        try FileManager.default.createDirectory(atPath: hooks, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: hooks + "/post-commit", withDestinationPath: "../tools/post-commit")
        _ = try install()
        _ = try HookUninstaller().uninstall(hooksDirectory: hooks)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: hooks + "/post-commit") == "../tools/post-commit")
    }

    @Test func foreignHookWithAnExistingBackupIsAConflictUnlessForced() throws {
        try directory.write("hooks/post-commit", "#!/bin/sh\necho new\n")
        try directory.write("hooks/post-commit.pre-gibson-hook", "#!/bin/sh\necho old\n")
        #expect(throws: HookInstallError.backupExists(hook: hooks + "/post-commit", backup: hooks + "/post-commit.pre-gibson-hook")) {
            try install()
        }
        // Nothing changed, not even the hook that had no conflict.
        #expect(!directory.exists("hooks/pre-commit"))
        let results = try install(force: true)
        #expect(results[1].previousBackup == hooks + "/post-commit.pre-gibson-hook.1")
        #expect(directory.read("hooks/post-commit.pre-gibson-hook") == "#!/bin/sh\necho new\n")
        #expect(directory.read("hooks/post-commit.pre-gibson-hook.1") == "#!/bin/sh\necho old\n")
    }

    @Test func uninstallLeavesForeignHooksAlone() throws {
        try directory.write("hooks/pre-commit", "#!/bin/sh\nexit 0\n")
        let results = try HookUninstaller().uninstall(hooksDirectory: hooks, hooks: [.preCommit])
        #expect(results.map(\.action) == [.foreign])
        #expect(directory.read("hooks/pre-commit") == "#!/bin/sh\nexit 0\n")
    }

    @Test func statusReportsShimsBinariesCurrencyAndChains() throws {
        try directory.write("hooks/pre-commit", "#!/bin/sh\nexit 0\n")
        try directory.write("hooks/post-merge", "#!/bin/sh\n# husky\n")
        let binary = try directory.write("bin/gibson-hook", "#!/bin/sh\n")
        _ = try install([.preCommit, .postCommit], binary: binary)
        try directory.write("hooks/post-commit", ShimTemplate.render(hook: .postCommit, binary: binary) + "# edited\n")

        let status = HookStatusReader().read(hooksDirectory: hooks)
        let byHook = Dictionary(uniqueKeysWithValues: status.map { ($0.hook, $0) })
        #expect(status.map(\.hook) == HookName.allCases)
        #expect(byHook[.preCommit]?.state == .shim)
        #expect(byHook[.preCommit]?.current == true)
        #expect(byHook[.preCommit]?.binary == binary)
        #expect(byHook[.preCommit]?.binaryExists == true)
        #expect(byHook[.preCommit]?.chained == hooks + "/pre-commit.pre-gibson-hook")
        #expect(byHook[.postCommit]?.current == false)
        #expect(byHook[.postMerge]?.state == .foreign)
        #expect(byHook[.prePush]?.state == .absent)
        #expect(try install([.postCommit], binary: binary).map(\.action) == [.updated])
    }

    @Test func resolvesTheRunningExecutableWithoutFollowingSymlinks() {
        let environment = ProcessEnvironment(["PATH": "/nowhere:/usr/bin"])
        #expect(ExecutablePath.resolve(argv0: "./bin/../bin/gibson-hook", workingDirectory: "/opt", environment: environment) == "/opt/bin/gibson-hook")
        #expect(ExecutablePath.resolve(argv0: "/usr/local/bin/gibson-hook", workingDirectory: "/", environment: environment) == "/usr/local/bin/gibson-hook")
        #expect(ExecutablePath.resolve(argv0: "env", workingDirectory: "/", environment: environment) == "/usr/bin/env")
    }
}

@Suite struct HookWiringProblemTests {
    func status(_ hook: HookName, _ state: HookStatus.State, binaryExists: Bool = true, current: Bool = true) -> HookStatus {
        HookStatus(hook: hook, state: state, path: "/r/.git/hooks/\(hook.rawValue)", binary: "/b/gibson-hook",
                   binaryExists: binaryExists, current: current, chained: nil)
    }

    @Test func unwiredDefaultHooksAreErrorsAndOptionalOnesAreFine() {
        #expect(HookWiring.problems(of: status(.preCommit, .absent)).map(\.isError) == [true])
        #expect(HookWiring.problems(of: status(.prePush, .absent)).isEmpty)
        #expect(HookWiring.problems(of: status(.postCommit, .foreign)).first?.message.contains("another tool's hook") == true)
    }

    @Test func missingBinaryFailsOnlyTheGateAndStaleShimsWarn() {
        #expect(HookWiring.problems(of: status(.preCommit, .shim, binaryExists: false)).map(\.isError) == [true])
        #expect(HookWiring.problems(of: status(.postMerge, .shim, binaryExists: false)).map(\.isError) == [false])
        #expect(HookWiring.problems(of: status(.postCommit, .shim, current: false)).map(\.message) == ["post-commit shim is stale: run 'gibson-hook install' to rewrite it"])
        #expect(HookWiring.problems(of: status(.preCommit, .shim)).isEmpty)
    }

    @Test func outsideARepositoryIsOneWarning() throws {
        let directory = try TemporaryDirectory()
        let problems = HookWiring(workingDirectory: directory.path, environment: ProcessEnvironment(["PATH": "/usr/bin:/bin", "GIT_CEILING_DIRECTORIES": directory.path])).problems()
        #expect(problems.count == 1)
        #expect(problems.first?.isError == false)
    }
}

@Suite struct HookWiringCheckTests {
    @Test func outsideARepositoryValidateGetsOneHooksWarning() throws {
        let directory = try TemporaryDirectory()
        let findings = HookWiringCheck(workingDirectory: directory.path)
            .findings(environment: ProcessEnvironment(["PATH": "/usr/bin:/bin"]))
        #expect(findings.map(\.area) == ["hooks"])
        #expect(findings.first?.severity == .warning)
    }
}
