import Foundation
import GibsonHookCore
import Testing

/// A file change as git's `--name-status -z` reports it, in the JSON's vocabulary.
struct ExpectedChange: Hashable, CustomStringConvertible {
    let path: String
    let status: String
    let oldPath: String?

    var description: String { "\(status) \(oldPath.map { "\($0) -> " } ?? "")\(path)" }

    /// Parses `git diff-tree/diff-index --name-status -z` output (`R100\0old\0new\0`, `M\0path\0`).
    static func parse(nameStatus output: String) -> Set<ExpectedChange> {
        var fields = output.split(separator: "\0", omittingEmptySubsequences: true).map(String.init)[...]
        var changes: Set<ExpectedChange> = []
        let names = ["A": "added", "M": "modified", "D": "deleted", "R": "renamed", "C": "copied", "T": "typechange"]
        while let code = fields.popFirst(), let letter = code.first.map(String.init), let status = names[letter] {
            if letter == "R" || letter == "C" {
                let old = fields.popFirst() ?? ""
                changes.insert(ExpectedChange(path: fields.popFirst() ?? "", status: status, oldPath: old))
            } else {
                changes.insert(ExpectedChange(path: fields.popFirst() ?? "", status: status, oldPath: nil))
            }
        }
        return changes
    }

    /// The changes in a JSON list of `{ path, status, oldPath? }`.
    static func fromJSON(_ list: JSONValue?) -> Set<ExpectedChange> {
        Set((list?.arrayValue ?? []).map {
            ExpectedChange(path: $0["path"]?.stringValue ?? "", status: $0["status"]?.stringValue ?? "", oldPath: $0["oldPath"]?.stringValue)
        })
    }
}

extension TemporaryGitRepository {
    /// Runs `gibson-hook context --json` in `directory`, expects success and returns the parsed object.
    func contextJSON(in directory: URL? = nil, extraEnvironment: [String: String] = [:]) throws -> JSONValue {
        let result = try gibsonHook(["context", "--json"], in: directory, extraEnvironment: extraEnvironment)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stderr.isEmpty)
        return try JSONValue.parse(result.stdoutData)
    }

    /// `path` as an absolute real path, resolving it against `directory` when git printed it relative.
    func realPath(_ path: String, relativeTo directory: URL? = nil) -> String {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : (directory ?? root).appendingPathComponent(path)
        return url.standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// What `git diff-tree -r -M --root` reports for HEAD against its first parent.
    func gitChangedFiles(in directory: URL? = nil) throws -> Set<ExpectedChange> {
        let parents = try gitLine(["log", "-1", "--format=%P"], in: directory).split(separator: " ")
        let range = parents.isEmpty ? ["HEAD"] : [String(parents[0]), "HEAD"]
        let output = try git(["diff-tree", "-r", "-M", "--root", "--no-commit-id", "--name-status", "-z"] + range, in: directory)
        return ExpectedChange.parse(nameStatus: output)
    }

    /// What `git diff-index --cached -M HEAD` reports (the index against HEAD).
    func gitStagedFiles(in directory: URL? = nil) throws -> Set<ExpectedChange> {
        ExpectedChange.parse(nameStatus: try git(["diff-index", "--cached", "-M", "--name-status", "-z", "HEAD"], in: directory))
    }

    /// Checks the location keys of `json` against `git rev-parse` run in `directory`.
    func expectLocationMatchesGit(_ json: JSONValue, in directory: URL? = nil) throws {
        let dir = directory ?? root
        let bare = try gitLine(["rev-parse", "--is-bare-repository"], in: dir) == "true"
        #expect(json["isBare"] == .bool(bare))
        if bare {
            #expect(json["root"] == .null)
        } else {
            #expect(json["root"]?.stringValue == realPath(try gitLine(["rev-parse", "--show-toplevel"], in: dir)))
        }
        #expect(json["gitDir"]?.stringValue == realPath(try gitLine(["rev-parse", "--git-dir"], in: dir), relativeTo: dir))
        #expect(json["commonDir"]?.stringValue == realPath(try gitLine(["rev-parse", "--git-common-dir"], in: dir), relativeTo: dir))
        #expect(json["hooksDir"]?.stringValue == realPath(try gitLine(["rev-parse", "--git-path", "hooks"], in: dir), relativeTo: dir))
    }

    /// Checks `commit` in `json` against `git log -1` in `directory`.
    func expectCommitMatchesGit(_ json: JSONValue, in directory: URL? = nil) throws {
        let commit = json["commit"]
        func log(_ format: String) throws -> String {
            try git(["-c", "i18n.logOutputEncoding=UTF-8", "log", "-1", "--format=" + format], in: directory).trimmingCharacters(in: .newlines)
        }
        #expect(commit?["sha"]?.stringValue == (try log("%H")))
        #expect(commit?["parents"]?.arrayValue?.compactMap(\.stringValue).joined(separator: " ") == (try log("%P")))
        #expect(commit?["author"]?["name"]?.stringValue == (try log("%an")))
        #expect(commit?["author"]?["email"]?.stringValue == (try log("%ae")))
        #expect(commit?["author"]?["time"]?.stringValue == (try log("%aI")))
        #expect(commit?["committer"]?["name"]?.stringValue == (try log("%cn")))
        #expect(commit?["committer"]?["time"]?.stringValue == (try log("%cI")))
        #expect(commit?["subject"]?.stringValue == (try log("%s")))
        let body = try git(["-c", "i18n.logOutputEncoding=UTF-8", "log", "-1", "--format=%b"], in: directory)
            .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        #expect(commit?["body"]?.stringValue == body)
        #expect(ExpectedChange.fromJSON(commit?["changedFiles"]) == (try gitChangedFiles(in: directory)))
    }
}
