/// The bounds every configuration source is held to before it is composed, so that a hostile file (a YAML
/// alias bomb, a 100,000-level nesting, a file of gigabytes) costs at most a few milliseconds and megabytes:
/// a hook reads `.gibson-hook.yml` from the repository, and anyone who can push can commit one.
///
/// The figures are far above what a real configuration needs: 10,000 event triggers are about 790 kB and
/// 70,000 values, nesting in the schema is at most 5 levels, and a file needs a handful of aliases.
public struct ConfigLimits: Sendable, Equatable {
    /// Largest configuration file read, in bytes.
    public var maxFileBytes: Int
    /// Most values (scalars, lists and mappings, keys included) a document may expand to, counting every
    /// alias as the whole value it refers to.
    public var maxNodes: Int
    /// Most aliases (`*name`) in one document.
    public var maxAliases: Int
    /// Deepest nesting of lists and mappings.
    public var maxDepth: Int

    /// Creates limits; the defaults are `standard`.
    public init(maxFileBytes: Int = 4 * 1024 * 1024, maxNodes: Int = 250_000, maxAliases: Int = 1_000, maxDepth: Int = 64) {
        self.maxFileBytes = maxFileBytes
        self.maxNodes = maxNodes
        self.maxAliases = maxAliases
        self.maxDepth = maxDepth
    }

    /// The limits gibson-hook applies (documented in docs/configuration.md, "Limits").
    public static let standard = ConfigLimits()

    /// `4 MiB` for the file size in messages.
    var fileSizeText: String {
        maxFileBytes % (1024 * 1024) == 0 ? "\(maxFileBytes / (1024 * 1024)) MiB" : "\(maxFileBytes) bytes"
    }
}

/// Why a document was refused before composing it, and where.
struct ConfigLimitViolation: Equatable {
    /// Which bound was crossed.
    enum Kind: Equatable {
        /// The file is larger than `maxFileBytes`.
        case fileSize
        /// Alias number `maxAliases + 1`, naming its anchor.
        case aliases(anchor: String)
        /// The document expands to more than `maxNodes` values.
        case nodes
        /// A list or mapping opens at depth `maxDepth + 1`.
        case depth
    }

    let kind: Kind
    /// 1-based line and column where the bound was crossed.
    let line: Int
    let column: Int

    /// The lower-case message, saying what to do.
    func message(path: String, limits: ConfigLimits) -> String {
        switch kind {
        case .fileSize:
            return "configuration file '\(path)' is larger than \(limits.fileSizeText), the most gibson-hook reads "
                + "(the limit is reached here): keep the configuration under \(limits.fileSizeText)"
        case .aliases(let anchor):
            return "too many YAML aliases: '*\(anchor)' here is number \(limits.maxAliases + 1), and a configuration "
                + "may use at most \(limits.maxAliases): write the values out instead of referring to anchors"
        case .nodes:
            return "the YAML document expands to more than \(limits.maxNodes) values here, counting each alias as "
                + "the value it repeats: remove nested aliases (an alias bomb looks like this) or shorten the file"
        case .depth:
            return "lists and mappings are nested more than \(limits.maxDepth) levels deep here: a configuration "
                + "needs at most 5; check for unclosed '[' or '{'"
        }
    }
}
