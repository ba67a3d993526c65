/// How many problems one load keeps: enough to fix a real file in one pass, few enough that a hostile one
/// (40,000 unknown keys) prints a screenful, not megabytes, from a git hook.
enum ConfigDiagnosticCap {
    /// Problems kept per load; later ones are counted.
    static let limit = 100

    /// Adds one error saying how many problems were left out, when any were.
    static func summarize(_ context: inout DecodeContext) {
        guard context.omitted > 0 else { return }
        let count = context.omitted
        context.diagnostics.append(ConfigDiagnostic(
            context.omittedAnError ? .error : .warning, "\(count) more problem\(count == 1 ? "" : "s") not shown: fix the ones above and check again"))
        context.omitted = 0
    }
}
