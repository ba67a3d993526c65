import ArgumentParser
import GibsonHookCore

/// Maps the hook wiring errors to a diagnostic on stderr and the documented exit code.
enum HookCommandFailure {
    /// Runs `body`; on `HookInstallError` prints it and exits with the matching `HookExitCode`.
    static func reporting<T>(_ env: CommandEnvironment, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as HookInstallError {
            env.stderr.write(env.errorStyle.red("gibson-hook: error: ") + error.description + "\n")
            throw ExitCode(exitCode(for: error).rawValue)
        }
    }

    static func exitCode(for error: HookInstallError) -> HookExitCode {
        switch error {
        case .unknownHooks: .usage
        case .notARepository: .notARepository
        case .backupExists: .failure
        case .gitFailed, .fileSystem: .internalError
        }
    }
}
