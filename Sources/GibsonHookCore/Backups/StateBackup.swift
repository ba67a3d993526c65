import Foundation

/// One backup of Gibson's state directory: its manifest (`manifest.json` beside the copied `tree/`).
public struct StateBackup: Sendable, Equatable {
    /// One entry of the tree: a directory, a regular file (with its SHA-256) or a symbolic link.
    public struct Entry: Sendable, Equatable {
        public var path: String
        public var kind: String
        public var mode: Int
        public var size: Int
        /// SHA-256 of a file's bytes, or of a link's target.
        public var sha256: String

        var line: String { "\(kind) \(String(mode, radix: 8)) \(size) \(sha256) \(path)" }
        var json: JSONValue {
            ["path": .string(path), "kind": .string(kind), "mode": .integer(Int64(mode)), "size": .integer(Int64(size)),
             "sha256": .string(sha256)]
        }
    }

    public var id: String
    public var createdAt: Date
    /// The state directory it was taken from.
    public var source: String
    public var entries: [Entry]
    /// SHA-256 over every entry's line, sorted by path: one value that changes when any file does.
    public var checksum: String

    /// Bytes of the regular files.
    public var size: Int { entries.reduce(0) { $0 + ($1.kind == "file" ? $1.size : 0) } }

    static func checksum(of entries: [Entry]) -> String {
        SHA256.hex(Data(entries.sorted { $0.path < $1.path }.map(\.line).joined(separator: "\n").utf8))
    }

    /// The summary `state list --json` prints.
    public var summaryJSON: JSONValue {
        ["id": .string(id), "createdAt": .string(createdAt.formatted(.iso8601)), "source": .string(source),
         "size": .integer(Int64(size)), "files": .integer(Int64(entries.filter { $0.kind == "file" }.count)),
         "checksum": .string(checksum)]
    }

    var manifestJSON: JSONValue {
        ["id": .string(id), "createdAtMs": .integer(Int64(createdAt.timeIntervalSince1970 * 1000)), "source": .string(source),
         "checksum": .string(checksum), "entries": .array(entries.map(\.json))]
    }

    init(id: String, createdAt: Date, source: String, entries: [Entry]) {
        self.id = id
        self.createdAt = createdAt
        self.source = source
        self.entries = entries.sorted { $0.path < $1.path }
        checksum = Self.checksum(of: entries)
    }

    init?(manifest: JSONValue) {
        guard let id = manifest["id"]?.stringValue, let time = manifest["createdAtMs"]?.intValue,
            let source = manifest["source"]?.stringValue, let checksum = manifest["checksum"]?.stringValue,
            let list = manifest["entries"]?.arrayValue
        else { return nil }
        let entries = list.compactMap { item -> Entry? in
            guard let path = item["path"]?.stringValue, let kind = item["kind"]?.stringValue, let mode = item["mode"]?.intValue,
                let size = item["size"]?.intValue, let sha = item["sha256"]?.stringValue
            else { return nil }
            return Entry(path: path, kind: kind, mode: Int(mode), size: Int(size), sha256: sha)
        }
        guard entries.count == list.count else { return nil }
        self.id = id
        createdAt = Date(timeIntervalSince1970: Double(time) / 1000)
        self.source = source
        self.entries = entries
        self.checksum = checksum
    }
}
