/// Configuration given on git's command line (`git -c key=value`), which git passes to hooks in
/// `GIT_CONFIG_PARAMETERS`, and the `GIT_CONFIG_COUNT`/`GIT_CONFIG_KEY_<n>`/`GIT_CONFIG_VALUE_<n>` variables.
/// Both outrank every configuration file.
enum GitConfigOverrides {
    /// The last value given for `key` (compared case-insensitively), or nil when none is given.
    static func lastValue(for key: String, in environment: ProcessEnvironment) -> String? {
        var found: String?
        for (name, value) in parameters(environment) where name.lowercased() == key.lowercased() { found = value }
        if let count = environment.nonEmpty("GIT_CONFIG_COUNT").flatMap(Int.init), count > 0 {
            for index in 0..<count {
                guard let name = environment["GIT_CONFIG_KEY_\(index)"], name.lowercased() == key.lowercased() else { continue }
                found = environment["GIT_CONFIG_VALUE_\(index)"] ?? ""
            }
        }
        return found
    }

    /// Parses `GIT_CONFIG_PARAMETERS`: shell single-quoted words, either `'key'='value'` (git 2.31+) or
    /// `'key=value'` (older git).
    static func parameters(_ environment: ProcessEnvironment) -> [(String, String)] {
        guard let text = environment.nonEmpty("GIT_CONFIG_PARAMETERS") else { return [] }
        var pairs: [(String, String)] = []
        var words: [String] = []
        var current = ""
        var inQuote = false
        var sawEquals = false
        func finish() {
            guard !words.isEmpty || !current.isEmpty else { return }
            words.append(current)
            if sawEquals, words.count == 2 {
                pairs.append((words[0], words[1]))
            } else if let word = words.first, let equals = word.firstIndex(of: "=") {
                pairs.append((String(word[..<equals]), String(word[word.index(after: equals)...])))
            }
            words = []
            current = ""
            sawEquals = false
        }
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if inQuote {
                if character == "'" { inQuote = false } else { current.append(character) }
            } else if character == "'" {
                inQuote = true
            } else if character == "\\", text.index(after: index) < text.endIndex {
                index = text.index(after: index)
                current.append(text[index])
            } else if character == "=", words.isEmpty {
                words.append(current)
                current = ""
                sawEquals = true
            } else if character == " " {
                finish()
            } else {
                current.append(character)
            }
            index = text.index(after: index)
        }
        finish()
        return pairs
    }
}
