import Testing
@testable import GibsonHookCore

@Suite struct KafkaSourceCommitTests {
    @Test func routineCommitErrorsAreRetriedAndOnlyAuthorizationOrFatalOnesStopListen() {
        // _NO_OFFSET, _WAIT_COORD, _TIMED_OUT, _TRANSPORT, REBALANCE_IN_PROGRESS, ILLEGAL_GENERATION,
        // UNKNOWN_MEMBER_ID, NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE, REQUEST_TIMED_OUT.
        for code: Int32 in [-168, -180, -185, -195, 27, 22, 25, 16, 15, 7] {
            #expect(KafkaSource.commitErrorIsRetryable(code), "code \(code)")
        }
        for code: Int32 in [-150, -169, 29, 30, 58] {
            #expect(!KafkaSource.commitErrorIsRetryable(code), "code \(code)")
        }
    }
}
