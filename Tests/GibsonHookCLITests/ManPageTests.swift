import Foundation
import Testing

/// The committed man page, byte for byte, against what `scripts/generate-docs.sh` makes from the built binary:
/// swift-argument-parser's generate-manual tool (built by `swift package generate-manual`) with the page's own
/// date, its generic EXIT STATUS replaced by man/sections.mdoc.
@Suite struct ManPageTests {
    @Test func committedManPageIsWhatTheBinaryGenerates() throws {
        let root = packageRoot()
        let committed = try String(contentsOf: root.appendingPathComponent("man/gibson-hook.1"), encoding: .utf8)
        let tool = try #require(generateManualTool(root), "no generate-manual tool under .build: run scripts/generate-docs.sh (or swift package generate-manual) first")
        let binary = root.appendingPathComponent(".build/debug/gibson-hook")
        let date = try #require(Self.isoDate(ofManPage: committed), "man/gibson-hook.1 has no .Dd line")
        let generated = try run(tool, [binary.path, "--date", date, "--output-directory", "-"])
        let expected = Self.replacingExitStatus(generated, with: try String(
            contentsOf: root.appendingPathComponent("man/sections.mdoc"), encoding: .utf8))
        #expect(committed == expected, "man/gibson-hook.1 is stale: run scripts/generate-docs.sh")
    }

    /// `generated` without its `.Sh "EXIT STATUS"` section, then `sections` appended (the awk of generate-docs.sh).
    static func replacingExitStatus(_ generated: String, with sections: String) -> String {
        var skip = false
        var kept: [Substring] = []
        for line in generated.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            if line.hasPrefix(".Sh \"EXIT STATUS\"") { skip = true; continue }
            if line.hasPrefix(".Sh ") { skip = false }
            if !skip { kept.append(line) }
        }
        return kept.joined(separator: "\n") + "\n" + sections
    }

    /// `.Dd November 29, 2026` as `2026-11-29`.
    static func isoDate(ofManPage page: String) -> String? {
        guard let line = page.split(separator: "\n").first(where: { $0.hasPrefix(".Dd ") }) else { return nil }
        let reader = DateFormatter()
        reader.locale = Locale(identifier: "en_US_POSIX")
        reader.timeZone = TimeZone(identifier: "UTC")
        reader.dateFormat = "MMMM d, yyyy"
        guard let date = reader.date(from: String(line.dropFirst(4))) else { return nil }
        let writer = DateFormatter()
        writer.locale = reader.locale
        writer.timeZone = reader.timeZone
        writer.dateFormat = "yyyy-MM-dd"
        return writer.string(from: date)
    }

    private func packageRoot() -> URL {
        var url = URL(fileURLWithPath: #filePath)
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { url.deleteLastPathComponent() }
        return url
    }

    private func generateManualTool(_ root: URL) -> URL? {
        // swift package generate-manual builds the plugin's tool next to the package's own debug products.
        let products = root.appendingPathComponent(".build/debug/generate-manual-tool")
        return FileManager.default.isExecutableFile(atPath: products.path) ? products : nil
    }

    private func run(_ tool: URL, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = tool
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ManPageError(status: process.terminationStatus) }
        return String(decoding: data, as: UTF8.self)
    }
}

struct ManPageError: Error { let status: Int32 }
