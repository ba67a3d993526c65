@testable import GibsonHookCore
import Testing

@Suite struct CommitTextTests {
    @Test func subjectJoinsTheFirstParagraphLikeGitLog() {
        let parts = CommitText.split(message: "\n\nfirst line  \nsecond line\n\n\nbody one\n  indented\n\n")
        #expect(parts.subject == "first line second line")
        #expect(parts.body == "body one\n  indented")
    }

    @Test func messageWithoutBodyHasEmptyBody() {
        let parts = CommitText.split(message: "only a subject\n")
        #expect(parts.subject == "only a subject")
        #expect(parts.body == "")
    }

    @Test func declaredLegacyEncodingIsConverted() {
        #expect(CommitText.decode([0x63, 0x61, 0x66, 0xE9], encoding: "ISO-8859-1") == "café")
        #expect(CommitText.decode([0x80], encoding: "windows-1252") == "€")
    }

    @Test func invalidUTF8BecomesReplacementCharacters() {
        #expect(CommitText.decode([0x61, 0xFF, 0x62], encoding: nil) == "a\u{FFFD}b")
        #expect(CommitText.decode([0x61, 0xFF], encoding: "no-such-encoding") == "a\u{FFFD}")
    }

    @Test func timesKeepTheirOwnOffset() {
        #expect(CommitText.rfc3339(seconds: 0, offsetMinutes: 0) == "1970-01-01T00:00:00+00:00")
        #expect(CommitText.rfc3339(seconds: 1_700_000_000, offsetMinutes: 330) == "2023-11-15T03:43:20+05:30")
        #expect(CommitText.rfc3339(seconds: 1_700_000_000, offsetMinutes: -570) == "2023-11-14T12:43:20-09:30")
    }
}
