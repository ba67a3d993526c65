#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
internal import Clibgit2

/// Reads a commit's metadata and the files it changed.
enum CommitReader {
    static func lookup(_ repository: GitRepository, sha: String) throws -> GitCommit {
        var oid = git_oid()
        try GitLibrary.check(git_oid_fromstr(&oid, sha), "parse object id '\(sha)'")
        var pointer: OpaquePointer?
        try GitLibrary.check(git_commit_lookup(&pointer, repository.pointer, &oid), "read commit '\(sha)'")
        return GitCommit(pointer!)
    }

    static func tree(of commit: GitCommit) throws -> GitTree {
        var pointer: OpaquePointer?
        try GitLibrary.check(git_commit_tree(&pointer, commit.pointer), "read the tree of a commit")
        return GitTree(pointer!)
    }

    static func info(_ repository: GitRepository, commit: GitCommit, options: ContextOptions) throws -> CommitInfo {
        let sha = HeadReader.oidText(git_commit_id(commit.pointer)) ?? ""
        let parentCount = git_commit_parentcount(commit.pointer)
        let parents = (0..<parentCount).compactMap { HeadReader.oidText(git_commit_parent_id(commit.pointer, $0)) }
        let encoding = git_commit_message_encoding(commit.pointer).map { String(cString: $0) }
        let rawMessage = git_commit_message(commit.pointer).map { bytes(of: $0) } ?? []
        let message = CommitText.decode(rawMessage, encoding: encoding)
        let (subject, body) = CommitText.split(message: message)
        var changed: (list: [FileChange], total: Int, byStatus: [FileChangeStatus: Int])?
        if options.includeChangedFiles {
            let newTree = try tree(of: commit)
            var parentTree: GitTree?
            if parentCount > 0 {
                var parent: OpaquePointer?
                try GitLibrary.check(git_commit_parent(&parent, commit.pointer, 0), "read the first parent of '\(sha)'")
                parentTree = try tree(of: GitCommit(parent!))
            }
            let diff = try ChangeLister.treeDiff(repository, old: parentTree, new: newTree)
            changed = try ChangeLister.changes(in: diff, limit: options.maxFiles)
        }
        return CommitInfo(
            sha: sha, parents: parents,
            author: signature(git_commit_author(commit.pointer), encoding: encoding),
            committer: signature(git_commit_committer(commit.pointer), encoding: encoding),
            subject: subject, body: body, changedFiles: changed?.list, changedFilesTotal: changed?.total ?? 0,
            changedFilesByStatus: changed?.byStatus ?? [:])
    }

    private static func signature(_ pointer: UnsafePointer<git_signature>?, encoding: String?) -> SignatureInfo {
        guard let value = pointer?.pointee else { return SignatureInfo(name: "", email: "", time: "") }
        return SignatureInfo(
            name: value.name.map { CommitText.decode(bytes(of: $0), encoding: encoding) } ?? "",
            email: value.email.map { CommitText.decode(bytes(of: $0), encoding: encoding) } ?? "",
            time: CommitText.rfc3339(seconds: Int64(value.when.time), offsetMinutes: Int(value.when.offset)))
    }

    /// The bytes of a NUL-terminated C string, without decoding them.
    static func bytes(of text: UnsafePointer<CChar>) -> [UInt8] {
        let length = strlen(text)
        return text.withMemoryRebound(to: UInt8.self, capacity: length) { Array(UnsafeBufferPointer(start: $0, count: length)) }
    }
}
