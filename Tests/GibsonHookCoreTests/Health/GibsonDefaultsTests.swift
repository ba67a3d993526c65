import Testing
@testable import GibsonHookCore

/// Defaults that fit the real gibson-cli 0.8.12 (2.4-3.5 s start-up, more than 10 s under load).
@Suite struct GibsonDefaultsTests {
    @Test func probeTimeoutFitsGibsonStartUpUnderLoadAndLeavesTheGateRoomForItsVerdict() {
        let configuration = Configuration()
        #expect(configuration.gibson.timeout == .seconds(30))
        #expect(configuration.gibson.timeout.seconds < configuration.hooks.preCommit.timeout.seconds)
    }

    @Test func anExpiredHealthyResultIsRevalidatedInTheBackgroundByDefault() {
        #expect(Configuration().gibson.revalidate == .background)
    }
}
