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

    @Test func outsideInitialisationParsingIsForwardedToMbedTLS() {
        guard overMbedTLS else { return }
        GitLibrary.start()
        // mbedTLS reads the file first: a missing one is MBEDTLS_ERR_PK_FILE_IO_ERROR, where the skip answers 0.
        #expect(gibsonHookParseCertificateFile(nil, "/nonexistent/gibson-hook/ca.pem") == -0x3E00)
    }
}
