import Foundation

extension ConfigLoader {
    /// Every problem in one configuration document given as bytes, as if it were the only file: the same
    /// checks a command applies to `.gibson-hook.yml` (size, UTF-8, YAML limits, syntax, schema, values,
    /// cross-key rules), with no environment, no other file and no flag. Never throws,
    /// never opens a file, and returns in time linear in `contents.count`: the entry point of the configuration fuzz target.
    public static func check(contents: Data, path: String, limits: ConfigLimits = .standard) -> [ConfigDiagnostic] {
        guard contents.count <= limits.maxFileBytes else {
            let (line, column) = ConfigTextCheck.position(ofByte: limits.maxFileBytes, in: contents)
            let violation = ConfigLimitViolation(kind: .fileSize, line: line, column: column)
            return [ConfigDiagnostic(
                .error, violation.message(path: path, limits: limits), origin: .file(path: path, line: line, column: column))]
        }
        var evaluation = Evaluation(context: DecodeContext(environment: ProcessEnvironment()))
        applyContents(contents, path: path, to: &evaluation, limits: limits)
        ConfigValidation.validate(evaluation.configuration, context: &evaluation.context)
        ConfigDiagnosticCap.summarize(&evaluation.context)
        return evaluation.diagnostics
    }
}
