import Foundation
import GibsonHookCore
import Testing

/// Awkward content: messages that are not UTF-8, unusual paths, credentials in remote URLs.
@Suite struct ContextContentTests {
    @Test func latin1MessageWithEncodingHeaderIsConverted() throws {
        let repo = try TemporaryGitRepository()
        try repo.git(["config", "i18n.commitEncoding", "ISO-8859-1"])
        try repo.write("a.txt")
        try repo.git(["add", "-A"])
        let message = repo.sandbox.appendingPathComponent("message.txt")
        // "Café: déjà vu" in ISO-8859-1, then a body line.
        try Data([0x43, 0x61, 0x66, 0xE9, 0x3A, 0x20, 0x64, 0xE9, 0x6A, 0xE0, 0x20, 0x76, 0x75, 0x0A, 0x0A, 0x62, 0x6F, 0x64, 0x79, 0x0A])
            .write(to: message)
        try repo.git(["commit", "-q", "-F", message.path])
        let json = try repo.contextJSON()
        #expect(json["commit"]?["subject"] == "Café: déjà vu")
        #expect(json["commit"]?["body"] == "body")
        try repo.expectCommitMatchesGit(json)
    }

    @Test func invalidUTF8WithoutEncodingBecomesReplacementCharacters() throws {
        let repo = try TemporaryGitRepository()
        try repo.write("a.txt")
        try repo.git(["add", "-A"])
        let tree = try repo.gitLine(["write-tree"])
        // `git commit` would rewrite invalid bytes as Latin-1, so the commit object is written raw.
        var object = Data("tree \(tree)\nauthor Ada <ada@example.com> 1700000000 +0530\n".utf8)
        object += Data("committer Ada <ada@example.com> 1700000000 -0800\n\nbad ".utf8)
        object += Data([0xFF, 0xFE]) + Data(" bytes\n".utf8)
        let objectFile = repo.sandbox.appendingPathComponent("commit-object")
        try object.write(to: objectFile)
        let sha = try repo.gitLine(["hash-object", "-t", "commit", "-w", objectFile.path])
        try repo.git(["update-ref", "refs/heads/main", sha])
        let result = try repo.gibsonHook(["context", "--json"])
        #expect(result.status == 0)
        #expect(String(data: result.stdoutData, encoding: .utf8) != nil)
        let json = try JSONValue.parse(result.stdoutData)
        #expect(json["commit"]?["subject"] == "bad \u{FFFD}\u{FFFD} bytes")
        #expect(json["commit"]?["author"]?["time"] == "2023-11-15T03:43:20+05:30")
        #expect(json["commit"]?["committer"]?["time"] == "2023-11-14T14:13:20-08:00")
    }

    @Test func unusualPathsSurviveExactly() throws {
        let repo = try TemporaryGitRepository()
        let names = ["with space.txt", "quote\"d.txt", "it's.txt", "ünïcødé/日本語.txt", "tab\there.txt", "back\\slash.txt", "-dash.txt"]
        for name in names { try repo.write(name) }
        try repo.commit("odd names")
        try repo.write("more/new file.txt")
        try repo.git(["add", "-A"])
        let json = try repo.contextJSON()
        #expect(ExpectedChange.fromJSON(json["commit"]?["changedFiles"]) == Set(names.map {
            ExpectedChange(path: $0, status: "added", oldPath: nil)
        }))
        try repo.expectCommitMatchesGit(json)
        #expect(ExpectedChange.fromJSON(json["staged"]) == (try repo.gitStagedFiles()))
    }

    @Test func pathBytesThatAreNotUTF8KeepTheJSONValid() throws {
        let repo = try TemporaryGitRepository()
        try repo.write("a.txt")
        try repo.commit()
        let blob = try repo.gitLine(["hash-object", "-w", "a.txt"])
        // The index entry's path is the raw bytes "bad\xFFname.txt", which no Swift string can spell.
        let entry = Data("100644 blob \(blob)\tbad".utf8) + Data([0xFF]) + Data("name.txt\0".utf8)
        let gitURL = BinaryRunner.which("git") ?? URL(fileURLWithPath: "/usr/bin/git")
        let added = try BinaryRunner.execute(
            gitURL, ["update-index", "-z", "--index-info"], in: repo.root, environment: repo.environment, stdin: entry)
        #expect(added.status == 0, "\(added.stderr)")
        let result = try repo.gibsonHook(["context", "--json"])
        #expect(result.status == 0)
        #expect(String(data: result.stdoutData, encoding: .utf8) != nil)
        let json = try JSONValue.parse(result.stdoutData)
        #expect(json["staged"] == [["path": "bad\u{FFFD}name.txt", "status": "added"]])
    }

    @Test func credentialsAreRemovedFromTheRemoteURL() throws {
        let repo = try TemporaryGitRepository()
        try repo.git(["remote", "add", "upstream", "git@example.com:team/other.git"])
        try repo.git(["remote", "add", "origin", "https://ada:s3cr3t-token@git.example.com/team/repo.git"])
        let json = try repo.contextJSON()
        #expect(json["remote"] == ["name": "origin", "url": "https://git.example.com/team/repo.git"])
        let result = try repo.gibsonHook(["context"])
        #expect(!result.stdout.contains("s3cr3t"))
        #expect(result.stdout.contains("origin https://git.example.com/team/repo.git"))
    }

    @Test func firstRemoteIsUsedWithoutOrigin() throws {
        let repo = try TemporaryGitRepository()
        try repo.git(["remote", "add", "upstream", "git@example.com:team/other.git"])
        let json = try repo.contextJSON()
        #expect(json["remote"] == ["name": "upstream", "url": "git@example.com:team/other.git"])
    }

    @Test func textOutputNamesBranchCommitAndCounts() throws {
        let repo = try TemporaryGitRepository()
        try repo.write("a.txt")
        let sha = try repo.commit("first commit")
        try repo.write("b.txt")
        try repo.git(["add", "b.txt"])
        let result = try repo.gibsonHook(["context"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("head        main\n"))
        #expect(result.stdout.contains("commit      \(sha.prefix(12)) first commit\n"))
        #expect(result.stdout.contains("staged      1 file\n  added     b.txt\n"))
    }

    @Test func noFilesLeavesTheListsOut() throws {
        let repo = try TemporaryGitRepository()
        try repo.write("a.txt")
        try repo.commit()
        try repo.write("b.txt")
        try repo.git(["add", "b.txt"])
        let result = try repo.gibsonHook(["context", "--json", "--no-files"])
        #expect(result.status == 0)
        let json = try JSONValue.parse(result.stdoutData)
        #expect(json["staged"] == .null)
        #expect(json["commit"]?["changedFiles"] == .null)
        #expect(json["commit"]?["subject"] == "change")
    }

    @Test func remoteURLIsTheOneGitUsesAfterInsteadOf() throws {
        let repo = try TemporaryGitRepository()
        try repo.git(["config", "--global", "url.https://git.example.com/.insteadOf", "ex:"])
        try repo.git(["remote", "add", "origin", "ex:team/repo.git"])
        let json = try repo.contextJSON()
        let gitURL = try repo.gitLine(["remote", "get-url", "origin"])
        #expect(gitURL == "https://git.example.com/team/repo.git")
        #expect(json["remote"]?["url"]?.stringValue == gitURL)
    }
}
