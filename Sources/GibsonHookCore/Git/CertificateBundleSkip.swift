import Foundation

/// Keeps `git_libgit2_init` from parsing the system CA bundle.
///
/// libgit2 built over mbedTLS (Debian's) parses every certificate in `/etc/ssl/certs/ca-certificates.crt`
/// while it initialises: about 4 ms of CPU and 170 page faults, a quarter of a `post-commit` hook. gibson-hook
/// reads repositories with libgit2 and never uses its network transports (HTTP goes through libcurl), so
/// those certificates are never consulted. While `GitLibrary` initialises libgit2, the mbedTLS entry point
/// below answers "loaded" without parsing; at any other time it forwards to mbedTLS's own function.
///
/// It works by symbol interposition: libgit2.so references `mbedtls_x509_crt_parse_file`, the executable
/// exports its definition (by name: `Package.swift`, since libgit2 is opened at run time and no longer on the
/// link line), and the dynamic linker binds libgit2's reference to it first. A libgit2 built over OpenSSL
/// never calls it, and nothing changes.
enum CertificateBundleSkip {
    /// Whether libgit2 is initialising right now (set and cleared around `git_libgit2_init`, once).
    nonisolated(unsafe) static var active = false
    /// How many certificate files were skipped (for tests: 1 after `GitLibrary.start()` over mbedTLS).
    nonisolated(unsafe) static var skipped = 0

    /// Runs `body` (libgit2's initialisation) with certificate parsing skipped.
    static func during<T>(_ body: () -> T) -> T {
        active = true
        defer { active = false }
        return body()
    }
}

/// mbedTLS's `mbedtls_x509_crt_parse_file(chain, path)`: see `CertificateBundleSkip`.
@_cdecl("mbedtls_x509_crt_parse_file")
public func gibsonHookParseCertificateFile(_ chain: UnsafeMutableRawPointer?, _ path: UnsafePointer<CChar>?) -> Int32 {
    if CertificateBundleSkip.active {
        CertificateBundleSkip.skipped += 1
        return 0
    }
    typealias Parse = @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Int32
    // RTLD_NEXT: the definition after this executable's, i.e. libmbedx509's.
    guard let next = dlsym(UnsafeMutableRawPointer(bitPattern: -1), "mbedtls_x509_crt_parse_file") else {
        return -0x2900  // MBEDTLS_ERR_X509_FILE_IO_ERROR
    }
    return unsafeBitCast(next, to: Parse.self)(chain, path)
}
