extension RepositoryContext {
    /// How many entries of each file list the text report shows; `--json` always has them all.
    public static let textFileLimit = 20

    /// A short report for people: where the repository is, HEAD, the commit and file counts, with at most
    /// `textFileLimit` files listed per list.
    public var textReport: String {
        var lines: [String] = []
        lines.append("repository  \(root ?? "\(gitDir) (bare)")")
        if isWorktree { lines.append("worktree of \(commonDir)") }
        lines.append("hooks       \(hooksDir)")
        lines.append("head        \(headText)")
        if let commit {
            lines.append("commit      \(commit.sha.prefix(12)) \(commit.subject)")
            lines.append("author      \(commit.author.name) <\(commit.author.email)> \(commit.author.time)")
            if let files = commit.changedFiles {
                lines.append("changed     \(Self.count(commit.changedFilesTotal))")
                lines += Self.fileLines(files, total: commit.changedFilesTotal)
            }
        }
        if let staged {
            lines.append("staged      \(Self.count(stagedTotal))")
            lines += Self.fileLines(staged, total: stagedTotal)
        }
        if let remote { lines.append("remote      \(remote.name) \(remote.url ?? "(no url)")") }
        return lines.joined(separator: "\n") + "\n"
    }

    private var headText: String {
        if head.unborn { return "\(head.branch ?? "HEAD") (no commits yet)" }
        if head.detached { return "detached at \(head.sha.map { String($0.prefix(12)) } ?? "?")" }
        return head.branch ?? "?"
    }

    private static func fileLines(_ files: [FileChange], total: Int) -> [String] {
        var lines = files.prefix(textFileLimit).map { "  \($0.textLine)" }
        let shown = min(files.count, textFileLimit)
        if total > shown { lines.append("  ... \(total - shown) more (gibson-hook context --json lists them all)") }
        return lines
    }

    private static func count(_ total: Int) -> String { total == 1 ? "1 file" : "\(total) files" }
}

extension FileChange {
    /// `renamed   new/path (from old/path)`.
    var textLine: String {
        let label = status.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
        return label + path + (oldPath.map { " (from \($0))" } ?? "")
    }
}
