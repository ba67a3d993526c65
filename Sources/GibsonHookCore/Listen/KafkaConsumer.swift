import Foundation
import KafkaLoader

/// One record read from Kafka, copied out of librdkafka.
struct KafkaRecord {
    let topic: String
    let partition: Int32
    let offset: Int64
    let key: [UInt8]?
    let value: [UInt8]
    let headers: [(String, [UInt8])]
}

/// The one owner of a librdkafka consumer handle (through KafkaLoader): a member of a consumer group on
/// topics, with manual synchronous commits (`enable.auto.commit=false`), so an offset moves only once what
/// was read is stored, and partition-end events, so `listen --once` knows when it has caught up.
final class KafkaConsumer {
    /// What one poll found.
    enum Polled {
        case record(KafkaRecord)
        /// Nothing within the timeout, or a partition's end.
        case nothing
        /// A consumer error (broker down, unknown topic): librdkafka retries by itself.
        case error(String)
    }

    private let handle: OpaquePointer

    /// Loads librdkafka from `libraryPath` (nil: the system's) and joins the group `properties` name.
    init(libraryPath: String?, properties: [(String, String)], topics: [String]) throws(KafkaProducerError) {
        guard gh_kafka_load(libraryPath) == 1 else { throw KafkaProducerError(message: String(cString: gh_kafka_load_error())) }
        var error = [CChar](repeating: 0, count: 512)
        let strings = (properties.map(\.0) + properties.map(\.1) + topics).map { strdup($0) }
        defer { strings.forEach { free($0) } }
        let pointers = strings.map { UnsafePointer($0) }
        let count = properties.count
        let made = pointers.withUnsafeBufferPointer { all in
            gh_kafka_consumer_new(all.baseAddress, all.baseAddress! + count, Int32(count), all.baseAddress! + 2 * count,
                                  Int32(topics.count), &error, error.count)
        }
        guard let made else { throw KafkaProducerError(
            message: "librdkafka: " + String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)) }
        handle = made
    }

    deinit { gh_kafka_consumer_destroy(handle) }

    /// Waits up to `milliseconds` for the next record.
    func poll(milliseconds: Int) -> Polled {
        var record = gh_kafka_record()
        switch Int(gh_kafka_consumer_poll(handle, Int32(milliseconds), &record)) {
        case Int(GH_KAFKA_POLL_RECORD):
            var headers: [(String, [UInt8])] = []
            for index in 0..<record.header_count {
                var name: UnsafePointer<CChar>?
                var value: UnsafeRawPointer?
                var size = 0
                guard gh_kafka_consumer_header(handle, index, &name, &value, &size) == 1, let name else { continue }
                let bytes = value.map { Array(UnsafeRawBufferPointer(start: $0, count: size)) } ?? []
                headers.append((String(cString: name), bytes))
            }
            let key = record.key.map { Array(UnsafeRawBufferPointer(start: $0, count: record.key_size)) }
            let value = record.value.map { Array(UnsafeRawBufferPointer(start: $0, count: record.value_size)) } ?? []
            return .record(KafkaRecord(
                topic: String(cString: record.topic), partition: record.partition, offset: record.offset, key: key,
                value: value, headers: headers))
        case Int(GH_KAFKA_POLL_ERROR):
            return .error(record.error_text.map { String(cString: $0) } ?? KafkaProducer.describe(Int32(record.error)))
        default:
            return .nothing
        }
    }

    /// Commits, for each partition, the offset after the last record read; returns librdkafka's error code
    /// (0 when committed).
    func commit(_ next: [(topic: String, partition: Int32, offset: Int64)]) -> Int32 {
        guard !next.isEmpty else { return 0 }
        let topics = next.map { strdup($0.topic) }
        defer { topics.forEach { free($0) } }
        return topics.map { UnsafePointer($0) }.withUnsafeBufferPointer { names in
            gh_kafka_consumer_commit(handle, names.baseAddress, next.map(\.partition), next.map(\.offset), Int32(next.count))
        }
    }

    /// Records not yet read on the assigned partitions (from cached watermarks); nil while none is assigned.
    var lag: Int64? {
        let lag = gh_kafka_consumer_lag(handle)
        return lag < 0 ? nil : lag
    }

    /// True once partitions are assigned and each has been read to its end.
    var caughtUp: Bool { gh_kafka_consumer_caught_up(handle) == 1 }
}
