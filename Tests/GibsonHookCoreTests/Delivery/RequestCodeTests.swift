import Foundation
import Testing
@testable import GibsonHookCore

/// `gibson_hook_requests_total`'s `code`: the status the sink recorded, else read from the outcome's reason.
@Suite struct RequestCodeTests {
    @Test func theSinksStatusWins() {
        #expect(RequestCode.of([.delivered], status: 202) == "202")
        #expect(RequestCode.of([.notSent(reason: "x")], status: 503) == "503")
    }

    @Test func reasonsGiveTheStatusOrAWord() {
        let url = "http://127.0.0.1:1/"
        #expect(RequestCode.of([.delivered, .delivered], status: nil) == "delivered")
        #expect(RequestCode.of([.retry(reason: "kafka rest proxy answered HTTP 503: busy", retryAfter: nil)], status: nil) == "503")
        #expect(RequestCode.of([.notSent(reason: HTTPError.timedOut(url: url, reason: "28").description)], status: nil) == "timeout")
        #expect(RequestCode.of([.notSent(reason: HTTPError.couldNotConnect(url: url, reason: "refused").description)], status: nil) == "connection")
        #expect(RequestCode.of([.notSent(reason: HTTPError.transferFailed(url: url, reason: "reset").description)], status: nil) == "connection")
        #expect(RequestCode.of([.notSent(reason: HTTPError.deadlineExceeded(url: url).description)], status: nil) == "deadline")
        #expect(RequestCode.of([.notSent(reason: "kafka broker: Local: Message timed out (_MSG_TIMED_OUT); " + DeliveryOutcome.possibleDuplicateNote)], status: nil) == "_MSG_TIMED_OUT")
        #expect(RequestCode.of([.permanent(reason: "kafka broker: Broker: Invalid record (INVALID_RECORD)")], status: nil) == "INVALID_RECORD")
        #expect(RequestCode.of([.notSent(reason: "kafka: no delivery report before the deadline (sent again with the same id)")], status: nil) == "timeout")
    }
}
