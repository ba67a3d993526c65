import Foundation

/// What one gibson-hook process was started with, captured once by the CLI: its environment, working
/// directory and `argv[0]`. Everything the composition root builds reads the process through this value.
public struct ProcessContext: Sendable {
    /// The process environment.
    public var environment: ProcessEnvironment
    /// The directory the process runs in (git runs hooks at the work tree's top).
    public var workingDirectory: String
    /// `argv[0]`, to find the binary the shims and the background flush call.
    public var argv0: String

    /// Creates a context.
    public init(environment: ProcessEnvironment, workingDirectory: String, argv0: String = "gibson-hook") {
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.argv0 = argv0
    }

    /// The state directory (outbox, health cache, background log) for this environment.
    public var statePaths: StatePaths { StatePaths(environment: environment) }

    /// The absolute path of this gibson-hook, or nil when it cannot be found.
    public var executable: String? {
        ExecutablePath.resolve(argv0: argv0, workingDirectory: workingDirectory, environment: environment)
    }

    /// The effective configuration for this process: defaults, user file, repository files, `GIBSON_HOOK_*`
    /// variables, then `overrides`. Throws `ConfigError.invalid` with every problem.
    public func loadConfiguration(_ overrides: ConfigOverrides = ConfigOverrides()) throws -> LoadedConfiguration {
        try ConfigLoader(environment: environment, workingDirectory: workingDirectory).load(overrides: overrides)
    }

    /// The install, uninstall and status use cases for the repository around the working directory.
    public var hookWiring: HookWiring { HookWiring(workingDirectory: workingDirectory, environment: environment) }
}

extension ProcessContext {
    /// Every configuration problem, errors and warnings, without stopping at the first (`config check`).
    public func checkConfiguration(_ overrides: ConfigOverrides) -> [ConfigDiagnostic] {
        ConfigLoader(environment: environment, workingDirectory: workingDirectory).check(overrides: overrides)
    }

    /// The repository around the working directory, read with libgit2 (`context`).
    public func readRepository(_ options: ContextOptions) throws -> RepositoryContext {
        try RepositoryContextReader.read(workingDirectory: workingDirectory, environment: environment, options: options)
    }
}
