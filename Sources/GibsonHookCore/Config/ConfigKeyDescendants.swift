/// For each dotted key, the keys recorded below it (`a.b` and `a[0].c` are below `a`), so that a key given a
/// new value forgets its descendants' origins without looking at any other key. Each recorded key is filed
/// under its ancestors, so the work per key is its depth, and loading stays linear in the size of the file.
struct ConfigKeyDescendants {
    private var below: [String: [String]] = [:]

    /// Files `key` under each of its ancestors: every prefix that ends before a `.` or a `[`.
    mutating func insert(_ key: String) {
        var index = key.startIndex
        while index < key.endIndex {
            let character = key[index]
            if character == "." || character == "[", index > key.startIndex {
                below[String(key[..<index]), default: []].append(key)
            }
            index = key.index(after: index)
        }
    }

    /// The keys filed below `key` since it was last given a value, forgotten here. A key given a value
    /// again after its ancestor was replaced is filed again, so nothing below `key` is missed; a key listed
    /// that no longer has an origin is harmless to remove twice.
    mutating func removeAll(below key: String) -> [String] {
        below.removeValue(forKey: key) ?? []
    }
}
