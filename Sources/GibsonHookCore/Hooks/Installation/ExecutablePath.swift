import Foundation

/// Finds the absolute path of the running gibson-hook, as the shims should call it.
public enum ExecutablePath {
    /// The path the process was started as: `argv0` made absolute against `workingDirectory`, or looked up
    /// on PATH when it has no slash. Symlinks are kept, so an upgrade behind `/usr/local/bin/gibson-hook`
    /// keeps working. Falls back to `/proc/self/exe`.
    public static func resolve(argv0: String, workingDirectory: String, environment: ProcessEnvironment) -> String? {
        if argv0.contains("/") {
            let absolute = argv0.hasPrefix("/") ? argv0 : workingDirectory + "/" + argv0
            return AbsolutePath.standardized(absolute)
        }
        for directory in (environment["PATH"] ?? "").split(separator: ":") {
            let candidate = String(directory) + "/" + argv0
            if candidate.hasPrefix("/") && FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    }
}
