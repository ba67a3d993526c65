import Foundation

/// What a cached health result is valid for: the executable's path, size, mtime and inode, Gibson's config
/// file, and a hash of the probe configuration. Replacing the executable, editing its config or changing the
/// probes changes the identity, so the cache can never vouch for something it did not check.
public struct TargetIdentity: Sendable, Equatable {
    /// A stable text key.
    public var key: String

    /// The identity of `location` with `configuration`'s probes; nil when the executable is missing.
    public init?(location: GibsonLocation, configuration: Configuration, environment: ProcessEnvironment) {
        guard let path = location.resolvedPath, let executable = fileStamp(path) else { return nil }
        let stateConfig = expandHome(configuration.gibson.stateDirectory, environment: environment) + "/config"
        let probes = configuration.gibson.probes.map(\.identityText).joined(separator: ";")
            + "|timeout=\(configuration.gibson.timeout.seconds)"
        key = [path, executable, fileStamp(stateConfig) ?? "no-config", stableHash(probes)].joined(separator: "|")
    }
}

/// `size:mtime-ns:inode` of a file, or nil when it does not exist.
func fileStamp(_ path: String) -> String? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    let mtime = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
    return "\(info.st_size):\(mtime):\(info.st_ino)"
}

/// FNV-1a 64-bit of `text` in hex: stable across runs and platforms (unlike `Hasher`).
func stableHash(_ text: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
        hash ^= UInt64(byte)
        hash = hash &* 0x0000_0100_0000_01b3
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
}

/// `~` and `~/…` expanded with the environment's HOME.
func expandHome(_ path: String, environment: ProcessEnvironment) -> String {
    guard path == "~" || path.hasPrefix("~/"), let home = environment.home else { return path }
    return home + path.dropFirst()
}

extension ProbeSpec {
    /// The probe as `String(describing:)` writes it (the text cached identities were built from), written out
    /// field by field: the reflection behind `"\(spec)"` looks up protocol conformances across the whole
    /// binary, a large share of a warm pre-commit's CPU. `ProbeSpecIdentityTests` keeps the two the same.
    var identityText: String {
        func optional(_ value: String?) -> String { value.map { "Optional(\($0))" } ?? "nil" }
        let argvText = "[" + argv.map(\.debugDescription).joined(separator: ", ") + "]"
        let codes = "[" + exitCodes.map { String($0) }.joined(separator: ", ") + "]"
        return "ProbeSpec(name: \(name.debugDescription), kind: GibsonHookCore.ProbeSpec.Kind.\(kind.rawValue), "
            + "argv: \(argvText), executable: \(optional(executable?.debugDescription)), exitCodes: \(codes), "
            + "expectOutput: \(optional(expectOutput?.debugDescription)), host: \(optional(host?.debugDescription)), "
            + "port: \(optional(port.map { String($0) })), url: \(optional(url?.debugDescription)), "
            + "expectStatus: \(expectStatus), timeout: \(optional(timeout?.description)))"
    }
}
