import KafkaLoader
import Testing

/// The request timeout handed to librdkafka's Admin API: within what AdminOptions accept (at most an hour),
/// so a long `delivery.requestTimeout` is cut to it instead of being refused (and silently replaced by the
/// default) or overflowing when the result's wait adds its extra second.
@Suite struct TopicAdminTimeoutTests {
    @Test func timeoutsAreCutToLibrdkafkasHourAndNeverNegative() {
        #expect(GH_KAFKA_MAX_TIMEOUT_MS == 3_600_000)
        #expect(gh_kafka_timeout_ms(30) == 30_000)
        #expect(gh_kafka_timeout_ms(0.25) == 250)
        #expect(gh_kafka_timeout_ms(3600) == 3_600_000)
        #expect(gh_kafka_timeout_ms(100 * 86_400) == 3_600_000)  // 100d
        #expect(gh_kafka_timeout_ms(.greatestFiniteMagnitude) == 3_600_000)
        #expect(gh_kafka_timeout_ms(.infinity) == 3_600_000)
        #expect(gh_kafka_timeout_ms(-1) == 0)
        #expect(gh_kafka_timeout_ms(.nan) == 0)
    }
}
