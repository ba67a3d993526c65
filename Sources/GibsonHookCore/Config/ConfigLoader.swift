import Foundation

/// The configuration a command runs with, and where each value came from.
public struct LoadedConfiguration: Sendable, Equatable {
    /// The effective configuration.
    public var configuration: Configuration
    /// Dotted key → origin, for every key not at its default (`ConfigReport` fills in the defaults).
    public var origins: [String: ConfigOrigin]
    /// Problems that do not stop the configuration from being used (for example a readable secret).
    public var warnings: [ConfigDiagnostic]
    /// The files that were found and read, in the order they apply.
    public var files: [ConfigFile]

    /// The origin of `key`: the recorded one, else the default.
    public func origin(of key: String) -> ConfigOrigin { origins[key] ?? .defaultValue }
}

/// Builds the effective configuration from, later winning: built-in defaults; the user file
/// (`$XDG_CONFIG_HOME/gibson-hook/config.yml`), or in its place the explicit file (`--config`, else
/// `GIBSON_HOOK_CONFIG`); the repository's `.gibson-hook.yml`; its `.gibson-hook.local.yml`; the
/// `GIBSON_HOOK_*` variables; and `--set key=value` flags.
public struct ConfigLoader: Sendable {
    /// The process environment (variables, `HOME`, `XDG_CONFIG_HOME`, `GIT_WORK_TREE`).
    public let environment: ProcessEnvironment
    /// Where the command runs; the repository root is found from here.
    public let workingDirectory: String

    /// Creates a loader for a command running in `workingDirectory`.
    public init(environment: ProcessEnvironment, workingDirectory: String) {
        self.environment = environment
        self.workingDirectory = workingDirectory
    }

    /// The effective configuration; throws `ConfigError.invalid` listing every problem when there is any error.
    public func load(overrides: ConfigOverrides = ConfigOverrides()) throws -> LoadedConfiguration {
        let evaluation = evaluate(overrides: overrides)
        if evaluation.diagnostics.contains(where: { $0.severity == .error }) {
            throw ConfigError.invalid(evaluation.diagnostics)
        }
        return LoadedConfiguration(
            configuration: evaluation.configuration, origins: evaluation.context.origins,
            warnings: evaluation.diagnostics, files: evaluation.files)
    }

    /// Every problem in every source at once, errors and warnings, each with its file, line and column.
    public func check(overrides: ConfigOverrides = ConfigOverrides()) -> [ConfigDiagnostic] {
        evaluate(overrides: overrides).diagnostics
    }

    struct Evaluation {
        var configuration = Configuration()
        var context: DecodeContext
        var files: [ConfigFile] = []
        var diagnostics: [ConfigDiagnostic] { context.diagnostics }
    }

    func evaluate(overrides: ConfigOverrides) -> Evaluation {
        var evaluation = Evaluation(context: DecodeContext(environment: environment))
        let locator = ConfigSourceLocator(environment: environment, workingDirectory: workingDirectory)
        for file in locator.files(explicit: overrides.configFile) {
            if applyFile(file, to: &evaluation) { evaluation.files.append(file) }
        }
        for (variable, key) in ConfigEnvironmentVariables.keys {
            guard let value = environment.nonEmpty(variable) else { continue }
            apply(ConfigNode.nested(key: key, leaf: .text(value, origin: .environment(variable))), to: &evaluation)
        }
        for assignment in overrides.assignments {
            applyAssignment(assignment, to: &evaluation)
        }
        ConfigValidation.validate(evaluation.configuration, context: &evaluation.context)
        ConfigDiagnosticCap.summarize(&evaluation.context)
        return evaluation
    }

    private func apply(_ node: ConfigNode, to evaluation: inout Evaluation) {
        ConfigurationSchema.root.apply(node, to: &evaluation.configuration, context: &evaluation.context, key: "")
    }

    /// Reads and applies one file; returns whether it exists.
    private func applyFile(_ file: ConfigFile, to evaluation: inout Evaluation) -> Bool {
        switch ConfigFileReader.contents(of: file.path, limits: .standard) {
        case .missing:
            if file.required {
                evaluation.context.error(
                    "configuration file '\(file.path)' does not exist: check --config or \(ConfigEnvironmentVariables.explicitFile)",
                    at: .file(path: file.path, line: 1, column: 1), key: nil)
            }
            return false
        case .problem(let diagnostic):
            evaluation.context.report(diagnostic)
        case .contents(let data):
            Self.applyContents(data, path: file.path, to: &evaluation)
        }
        return true
    }

    /// Checks `data` as YAML text within the limits and applies it as the file `path`.
    static func applyContents(_ data: Data, path: String, to evaluation: inout Evaluation, limits: ConfigLimits = .standard) {
        let text: String
        switch ConfigTextCheck.text(of: data, path: path) {
        case .failure(let diagnostic):
            evaluation.context.report(diagnostic)
            return
        case .success(let checked):
            text = checked
        }
        switch ConfigDocumentReader.parse(text, path: path, limits: limits) {
        case .failure(let diagnostic):
            evaluation.context.report(diagnostic)
        case .success(nil):
            break
        case .success(let node?):
            evaluation.context.secretsSet = []
            ConfigurationSchema.root.apply(node, to: &evaluation.configuration, context: &evaluation.context, key: "")
            warnIfSecretsReadable(path, context: &evaluation.context)
        }
    }

    private static func warnIfSecretsReadable(_ path: String, context: inout DecodeContext) {
        guard let secret = context.secretsSet.first,
            let mode = (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int,
            mode & 0o077 != 0
        else { return }
        context.warning(
            "'\(path)' holds a secret ('\(secret)') and is readable by group or others: run chmod 600 '\(path)' "
                + "or use tokenEnv/passwordEnv", at: context.origins[secret], key: secret)
    }

    private func applyAssignment(_ assignment: String, to evaluation: inout Evaluation) {
        guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
            evaluation.context.error(
                "'--set \(assignment)' must be written key=value, for example --set gibson.timeout=20s",
                at: .flag("--set \(assignment)"), key: nil)
            return
        }
        let key = String(assignment[..<equals])
        // The origin names the key only, so `gibson-hook config` never echoes a secret given on the command line.
        let origin = ConfigOrigin.flag("--set \(key)")
        let value = String(assignment[assignment.index(after: equals)...])
        var leaf = ConfigNode.text(value, origin: origin)
        if value.hasPrefix("[") || value.hasPrefix("{") {
            switch ConfigDocumentReader.parse(value, path: "--set", fixedOrigin: origin) {
            case .success(let node?): leaf = node
            case .success(nil): break
            case .failure(let diagnostic):
                evaluation.context.error("invalid value in '--set \(assignment)': \(diagnostic.message)", at: origin, key: key)
                return
            }
        }
        apply(ConfigNode.nested(key: key, leaf: leaf), to: &evaluation)
    }
}
