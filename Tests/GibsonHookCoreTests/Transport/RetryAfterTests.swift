import Foundation
import Testing
@testable import GibsonHookCore

@Suite struct RetryAfterTests {
    /// 1994-11-06 08:49:37 UTC, RFC 9110's example instant.
    let instant = Date(timeIntervalSince1970: 784_111_777)

    @Test func delaySeconds() {
        #expect(RetryAfter.seconds(from: "120", now: instant) == 120)
        #expect(RetryAfter.seconds(from: " 0 ", now: instant) == 0)
    }

    @Test func negativeBecomesZero() {
        #expect(RetryAfter.seconds(from: "-5", now: instant) == 0)
    }

    @Test func imfFixdate() {
        #expect(RetryAfter.seconds(from: "Sun, 06 Nov 1994 08:50:07 GMT", now: instant) == 30)
    }

    @Test func rfc850Date() {
        #expect(RetryAfter.seconds(from: "Sunday, 06-Nov-94 08:51:37 GMT", now: instant) == 120)
    }

    @Test func asctimeDate() {
        #expect(RetryAfter.seconds(from: "Sun Nov  6 08:49:47 1994", now: instant) == 10)
    }

    @Test func pastDateBecomesZero() {
        #expect(RetryAfter.seconds(from: "Sun, 06 Nov 1994 08:00:00 GMT", now: instant) == 0)
    }

    @Test func garbageIsNil() {
        #expect(RetryAfter.seconds(from: "soon", now: instant) == nil)
        #expect(RetryAfter.seconds(from: "", now: instant) == nil)
        #expect(RetryAfter.seconds(from: "1.5", now: instant) == nil)
    }
}
