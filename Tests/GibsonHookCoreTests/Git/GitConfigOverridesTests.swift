@testable import GibsonHookCore
import Testing

@Suite struct GitConfigOverridesTests {
    @Test func currentParameterFormatIsParsed() {
        let environment = ProcessEnvironment(["GIT_CONFIG_PARAMETERS": "'user.name'='Ada L' 'core.hookspath'='it'\\''s hooks'"])
        #expect(GitConfigOverrides.lastValue(for: "core.hooksPath", in: environment) == "it's hooks")
    }

    @Test func olderParameterFormatIsParsed() {
        let environment = ProcessEnvironment(["GIT_CONFIG_PARAMETERS": "'core.hookspath=a=b'"])
        #expect(GitConfigOverrides.lastValue(for: "core.hookspath", in: environment) == "a=b")
    }

    @Test func countedVariablesWinAndTheLastOneCounts() {
        let environment = ProcessEnvironment([
            "GIT_CONFIG_PARAMETERS": "'core.hookspath'='from-c'",
            "GIT_CONFIG_COUNT": "2",
            "GIT_CONFIG_KEY_0": "core.hooksPath", "GIT_CONFIG_VALUE_0": "first",
            "GIT_CONFIG_KEY_1": "CORE.HOOKSPATH", "GIT_CONFIG_VALUE_1": "second",
        ])
        #expect(GitConfigOverrides.lastValue(for: "core.hookspath", in: environment) == "second")
    }

    @Test func nothingGivenIsNil() {
        #expect(GitConfigOverrides.lastValue(for: "core.hookspath", in: ProcessEnvironment()) == nil)
    }
}
