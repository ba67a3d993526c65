@testable import GibsonHookCore
import Testing

@Suite struct PathTextTests {
    @Test func relativePathsAreJoinedAndNormalised() {
        #expect(PathText.absolute("../b/./c/", relativeTo: "/no-such-root/a") == "/no-such-root/b/c")
        #expect(PathText.absolute("/abs//x", relativeTo: "/ignored") == "/abs/x")
    }

    @Test func tildeExpandsOnlyAtTheStart() {
        #expect(PathText.expandingTilde("~/hooks", home: "/home/ada") == "/home/ada/hooks")
        #expect(PathText.expandingTilde("~", home: "/home/ada") == "/home/ada")
        #expect(PathText.expandingTilde("a/~/b", home: "/home/ada") == "a/~/b")
        #expect(PathText.expandingTilde("~bob/x", home: "/home/ada") == "~bob/x")
    }
}
