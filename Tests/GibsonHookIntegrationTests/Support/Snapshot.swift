import Foundation
import Testing

/// Compares `actual` with the committed snapshot `Snapshots/<name>.txt` in the test target's folder (the one
/// directly under `Tests/`), whole text. One file, compiled into both test targets that take snapshots (the
/// CLI target's copy is a symbolic link to this one). With `GIBSON_HOOK_RECORD_SNAPSHOTS=1` the snapshot is (re)written from `actual` instead, as
/// swift-argument-parser's `assertSnapshot` does; a missing snapshot fails and says how to record it.
func assertSnapshot(
    _ actual: String, named name: String, filePath: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation
) {
    var directory = URL(fileURLWithPath: filePath).deletingLastPathComponent()
    while directory.deletingLastPathComponent().lastPathComponent != "Tests" && directory.path != "/" {
        directory.deleteLastPathComponent()
    }
    let file = directory.appendingPathComponent("Snapshots/\(name).txt")
    if ProcessInfo.processInfo.environment["GIBSON_HOOK_RECORD_SNAPSHOTS"] == "1" {
        try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? actual.write(to: file, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
        Issue.record("no snapshot \(file.path): record it with GIBSON_HOOK_RECORD_SNAPSHOTS=1 swift test", sourceLocation: sourceLocation)
        return
    }
    #expect(actual == expected, "snapshot \(name) differs; if the change is intended re-record with GIBSON_HOOK_RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
}

/// `text` with the variable parts replaced by stable names: each `(value, name)` pair in order.
func stabilised(_ text: String, _ replacements: [(String, String)]) -> String {
    replacements.reduce(text) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
}
