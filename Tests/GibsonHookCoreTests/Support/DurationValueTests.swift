import GibsonHookCore
import Testing

@Suite struct DurationValueTests {
    @Test(arguments: [
        ("250ms", 0.25), ("20s", 20), ("5m", 300), ("1h", 3600), ("7d", 604_800), ("1m30s", 90), ("15", 15),
        ("1.5s", 1.5),
    ])
    func parsesCommonSpellings(text: String, seconds: Double) {
        #expect(DurationValue(parsing: text)?.seconds == seconds)
    }

    @Test(arguments: ["5 minutes", "", "-1s", "10 s", "s", "1x", "abc"])
    func rejectsWhatIsNotADuration(text: String) {
        #expect(DurationValue(parsing: text) == nil)
    }

    @Test func printsTheShortestExactSpelling() {
        #expect(DurationValue.seconds(20).description == "20s")
        #expect(DurationValue.minutes(5).description == "5m")
        #expect(DurationValue.days(7).description == "7d")
        #expect(DurationValue.milliseconds(250).description == "250ms")
        #expect(DurationValue.seconds(90).description == "1m30s")
    }

    @Test(arguments: [
        (0.7000000000000001 as Double, "0.7s"), (0.25, "250ms"), (0.001, "1ms"), (1.5, "1.5s"), (3600, "1h"), (5400, "1h30m"),
        (3661.25, "1h1m1.25s"), (172_860, "2d1m"), (0, "0s"), (59.9999, "1m"),
    ])
    func printsDurationsAsPeopleWriteThem(seconds: Double, text: String) {
        #expect(DurationValue(seconds: seconds).description == text)
    }
}

@Suite struct WhitespaceTrimmingTests {
    @Test func trimsCarriageReturnLineFeedPairs() {
        #expect(DurationValue(parsing: " 20s\r\n") == .seconds(20))
    }
}
