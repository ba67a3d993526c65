import Foundation
import Testing
@testable import GibsonHookCore

@Suite struct CertificateBundleSkipTests {
    /// Whether this process's libgit2 runs over mbedTLS (Debian's build); over OpenSSL nothing is interposed.
    private var overMbedTLS: Bool { dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mbedtls_ssl_init") != nil }

    @Test func libgit2InitialisesWithoutParsingTheCertificateBundle() {
        GitLibrary.start()
        // Over mbedTLS libgit2 asks for the system bundle exactly once, while initialising.
        #expect(CertificateBundleSkip.skipped == (overMbedTLS ? 1 : 0))
        #expect(!CertificateBundleSkip.active)
    }

    /// The backend check the other tests rely on agrees with the libraries really loaded into the process.
    @Test func backendDetectionAgreesWithTheLoadedLibraries() throws {
        GitLibrary.start()
        // procfs files report size 0, so read to end of file rather than by size.
        let handle = try #require(FileHandle(forReadingAtPath: "/proc/self/maps"))
        let maps = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
        #expect(maps.contains("libgit2"))
        #expect(overMbedTLS == maps.contains("libmbedtls"))
    }

    @Test(.enabled(if: dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mbedtls_ssl_init") != nil,
        "libgit2 is built over OpenSSL here: it parses no certificate bundle that could be forwarded"))
    func outsideInitialisationParsingIsForwardedToMbedTLS() {
        GitLibrary.start()
        // mbedTLS reads the file first: a missing one is MBEDTLS_ERR_PK_FILE_IO_ERROR, where the skip answers 0.
        #expect(gibsonHookParseCertificateFile(nil, "/nonexistent/gibson-hook/ca.pem") == -0x3E00)
    }
}
