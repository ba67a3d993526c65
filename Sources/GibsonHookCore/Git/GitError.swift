internal import Clibgit2

/// Everything that can go wrong while reading a repository with libgit2.
public enum GitError: Error, Equatable, CustomStringConvertible {
    /// No repository was found at or above the directory (the associated value is that directory).
    case notARepository(String)
    /// libgit2 reported an error; `operation` names what was being done, `code` is its return code.
    case library(operation: String, code: Int32, message: String)

    public var description: String {
        switch self {
        case .notARepository(let directory):
            return "not a git repository: '\(directory)'"
        case .library(let operation, let code, let message):
            return "libgit2 failed to \(operation) (\(code)): \(message)"
        }
    }
}

/// The single place libgit2 is initialised and its return codes turned into `GitError`.
enum GitLibrary {
    /// Initialises libgit2 once per process; `git_libgit2_init` is reference counted and we never shut it down.
    private static let initialised: Bool = {
        // Without parsing the system CA bundle, which libgit2's transports would use and we never do.
        CertificateBundleSkip.during { _ = git_libgit2_init() }
        return true
    }()

    /// Makes sure libgit2 is ready; call before any other libgit2 function.
    static func start() {
        _ = initialised
    }

    /// Throws a `GitError.library` built from `git_error_last` when `code` is negative; returns `code` otherwise.
    @discardableResult
    static func check(_ code: Int32, _ operation: @autoclosure () -> String) throws -> Int32 {
        guard code < 0 else { return code }
        let message: String
        if let last = git_error_last(), let text = last.pointee.message {
            message = String(cString: text)
        } else {
            message = "no further detail"
        }
        throw GitError.library(operation: operation(), code: code, message: message)
    }

    /// Whether `code` is libgit2's "not found".
    static func isNotFound(_ code: Int32) -> Bool { code == GIT_ENOTFOUND.rawValue }
}
