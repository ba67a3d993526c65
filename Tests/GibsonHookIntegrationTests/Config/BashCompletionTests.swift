import Foundation
import Testing

/// The committed bash completion offers the values of every option with a fixed set.
@Suite struct BashCompletionTests {
    /// What bash offers after `words` (the last one being typed), with completions/gibson-hook.bash loaded.
    func offers(_ words: [String]) throws -> String {
        let script = RepositoryFiles.root.appendingPathComponent("completions/gibson-hook.bash").path
        let quoted = words.map { "'\($0)'" }.joined(separator: " ")
        let line = words.joined(separator: " ")
        let program = """
            source '\(script)'
            COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1); COMP_LINE='\(line)'; COMP_POINT=${#COMP_LINE}
            _gibson-hook gibson-hook '\(words.last!)' '\(words[words.count - 2])'
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let result = try BinaryRunner.execute(
            URL(fileURLWithPath: "/bin/bash"), ["-c", program], in: RepositoryFiles.root, environment: ["PATH": "/usr/bin:/bin"])
        return result.stdout
    }

    @Test(arguments: [
        (["gibson-hook", "outbox", "list", "--state", ""], "pending\ndelivered\ndead\n"),
        (["gibson-hook", "outbox", "list", "--sink", ""], "kafka\ncloudevents\ntemporal\n"),
        (["gibson-hook", "install", "--hooks", ""], "all\npre-commit\npost-commit\npre-push\npost-merge\npost-checkout\npost-rewrite\n"),
        (["gibson-hook", "uninstall", "--hooks", ""], "all\npre-commit\npost-commit\npre-push\npost-merge\npost-checkout\npost-rewrite\n"),
        (["gibson-hook", "emit", "--on-error", ""], "skip\nreject\n"),
    ])
    func optionWithAFixedSetOffersItsValues(words: [String], expected: String) throws {
        #expect(try offers(words) == expected)
    }
}
