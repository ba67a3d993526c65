import Foundation
import Testing

/// Every git hook starts the binary; what it links decides what each start costs.
@Suite struct StartupLinkageTests {
    /// libcurl (and its Kerberos, LDAP, TLS and SSH dependencies) is opened only when a command makes a
    /// request, never at start-up; librdkafka only when a process delivers to Kafka brokers natively.
    @Test func libcurlAndLibrdkafkaAreNotLinkedAtStartUp() throws {
        guard let readelf = BinaryRunner.which("readelf") else {
            Issue.record("readelf (binutils) is needed to inspect the binary")
            return
        }
        let result = try BinaryRunner.execute(
            readelf, ["-d", BinaryRunner.binary.path], in: URL(fileURLWithPath: "/"),
            environment: ProcessInfo.processInfo.environment)
        #expect(result.status == 0)
        #expect(result.stdout.contains("libgit2"))
        #expect(!result.stdout.contains("libcurl"))
        #expect(!result.stdout.contains("librdkafka"))
    }
}
