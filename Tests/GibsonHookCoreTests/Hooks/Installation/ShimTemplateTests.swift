import Foundation
import Testing
@testable import GibsonHookCore

@Suite struct ShimTemplateTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func templateMatchesTheReferenceCopyInHooks() throws {
        let reference = try String(
            contentsOf: Self.repositoryRoot.appendingPathComponent("hooks/shim.sh.template"), encoding: .utf8)
        #expect(ShimTemplate.text == reference)
    }

    @Test func renderedShimCarriesMarkerHookAndQuotedBinary() {
        let shim = ShimTemplate.render(hook: .preCommit, binary: "/opt/it's here/gibson-hook")
        #expect(shim.hasPrefix("#!/bin/sh\n" + ShimTemplate.marker + "\n"))
        #expect(shim.contains("hook_name='pre-commit'\n"))
        #expect(shim.contains(#"installed_bin='/opt/it'\''s here/gibson-hook'"#))
        #expect(shim.contains("fail_closed=1\n"))
        #expect(ShimTemplate.render(hook: .postCommit, binary: "/x").contains("fail_closed=0\n"))
        #expect(shim.range(of: "@[A-Z_]+@", options: .regularExpression) == nil)
    }

    @Test func installedBinaryRoundTripsAnyPath() {
        for path in ["/usr/local/bin/gibson-hook", "/opt/it's here/gibson-hook", "/a b/\\c$d`e"] {
            let shim = ShimTemplate.render(hook: .postMerge, binary: path)
            #expect(ShimTemplate.installedBinary(in: shim) == path)
        }
    }

    @Test func recognisesOnlyShims() {
        #expect(ShimTemplate.isShim(ShimTemplate.render(hook: .prePush, binary: "/b")))
        #expect(ShimTemplate.isShim("#!/bin/sh\n# gibson-hook shim v0\nexit 0\n"))
        #expect(!ShimTemplate.isShim("#!/bin/sh\nlefthook run pre-commit\n"))
    }

    @Test func renderedShimIsValidShellForEveryHook() throws {
        for hook in HookName.allCases {
            let result = try ShellRunner.run(["/bin/sh", "-n", "-c", ShimTemplate.render(hook: hook, binary: "/b")])
            #expect(result.status == 0, "\(hook.rawValue): \(result.stderr)")
        }
    }

    @Test func parsesHookLists() throws {
        #expect(try HookName.parseList("pre-commit,post-commit") == [.preCommit, .postCommit])
        #expect(try HookName.parseList("all") == HookName.allCases)
        #expect(try HookName.parseList("pre-push, pre-push") == [.prePush])
        #expect(throws: HookInstallError.unknownHooks(["commit-msg", "x"])) {
            try HookName.parseList("commit-msg,pre-commit,x")
        }
    }
}
