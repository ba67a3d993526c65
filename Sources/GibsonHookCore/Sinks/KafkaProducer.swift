import Foundation
import KafkaLoader

/// The one owner of a librdkafka producer handle (through KafkaLoader): queues records, flushes them and
/// reads each record's delivery report. Loads librdkafka on first use, from `GIBSON_HOOK_LIBRDKAFKA` or the
/// system's `librdkafka.so.1`.
final class KafkaProducer {
    /// One record's report: the librdkafka error code (0 delivered) and whether the broker may have it.
    struct Report: Equatable {
        var error: Int32
        var status: Int32
    }

    /// `rd_kafka_msg_status_t` POSSIBLY_PERSISTED: the broker may have the record.
    static let possiblyPersisted = Int32(GH_KAFKA_POSSIBLY_PERSISTED)

    private let handle: OpaquePointer

    /// Loads librdkafka from `libraryPath` (nil: the system's) and creates a producer with `properties` and
    /// room for `capacity` reports; throws the loader's or librdkafka's message.
    init(libraryPath: String?, properties: [(String, String)], capacity: Int) throws(KafkaProducerError) {
        guard gh_kafka_load(libraryPath) == 1 else { throw KafkaProducerError(message: String(cString: gh_kafka_load_error())) }
        var error = [CChar](repeating: 0, count: 512)
        let keys = properties.map { strdup($0.0) }
        let values = properties.map { strdup($0.1) }
        defer { (keys + values).forEach { free($0) } }
        let made = keys.map { UnsafePointer($0) }.withUnsafeBufferPointer { keyPointers in
            values.map { UnsafePointer($0) }.withUnsafeBufferPointer { valuePointers in
                gh_kafka_producer_new(keyPointers.baseAddress, valuePointers.baseAddress, Int32(properties.count),
                                      Int32(capacity), &error, error.count)
            }
        }
        guard let made else { throw KafkaProducerError(
            message: "librdkafka: " + String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)) }
        handle = made
    }

    deinit { gh_kafka_producer_destroy(handle) }

    /// Starts a batch of `capacity` messages, indexed from 0 (earlier batches' reports are forgotten).
    func begin(capacity: Int) { gh_kafka_begin(handle, Int32(capacity)) }

    /// Queues one record as message `index`; returns 0 or librdkafka's immediate error.
    func produce(topic: String, key: String?, value: [UInt8], headers: [(String, [UInt8])], index: Int) -> Int32 {
        let names = headers.map { strdup($0.0) }
        defer { names.forEach { free($0) } }
        let valueBuffers = headers.map { header -> UnsafeMutableRawPointer in
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: max(1, header.1.count), alignment: 1)
            header.1.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
            return buffer
        }
        defer { valueBuffers.forEach { $0.deallocate() } }
        let sizes = headers.map { $0.1.count }
        let keyBytes = key.map { Array($0.utf8) }
        return names.map { UnsafePointer($0) }.withUnsafeBufferPointer { namePointers in
            valueBuffers.map { UnsafeRawPointer($0) as UnsafeRawPointer? }.withUnsafeBufferPointer { valuePointers in
                value.withUnsafeBytes { valueBytes in
                    (keyBytes ?? []).withUnsafeBytes { keyRaw in
                        gh_kafka_produce(
                            handle, topic, keyBytes == nil ? nil : keyRaw.baseAddress, keyRaw.count,
                            valueBytes.baseAddress, valueBytes.count, namePointers.baseAddress, valuePointers.baseAddress,
                            sizes, Int32(headers.count), Int32(index))
                    }
                }
            }
        }
    }

    /// Waits at most `milliseconds` for every queued record's report, then purges what is left, so each record
    /// has a report (purged ones with a `_PURGE_*` error).
    func flush(milliseconds: Int) {
        if gh_kafka_flush(handle, Int32(clamping: milliseconds)) != 0 { gh_kafka_purge(handle) }
    }

    /// rd_kafka_flush for at most `milliseconds`, nothing purged: sends what is queued at once (ignoring
    /// `linger.ms`) and serves the delivery reports that arrive.
    func drain(milliseconds: Int) { _ = gh_kafka_flush(handle, Int32(clamping: milliseconds)) }

    /// The indices of messages whose report arrived since the last call, in arrival order.
    func takeReports() -> [Int] {
        var taken: [Int] = []
        var buffer = [Int32](repeating: 0, count: 1024)
        while true {
            let count = Int(gh_kafka_take_reports(handle, &buffer, Int32(buffer.count)))
            taken += buffer.prefix(count).map(Int.init)
            if count < buffer.count { return taken }
        }
    }

    /// The latest error librdkafka logged (it never writes to stderr itself), nil when none, without its
    /// thread and client names: `127.0.0.1:1/bootstrap: Connect to ipv4#127.0.0.1:1 failed: Connection refused`.
    var lastProblem: String? {
        var buffer = [CChar](repeating: 0, count: 512)
        guard gh_kafka_last_problem(handle, &buffer, buffer.count) > 0 else { return nil }
        return Self.plain(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }

    /// A librdkafka log line without its `[thrd:…]: ` and `rdkafka#producer-1: ` prefixes.
    static func plain(_ line: String) -> String {
        var text = Substring(line)
        if text.hasPrefix("[thrd:"), let end = text.range(of: "]: ") { text = text[end.upperBound...] }
        if text.hasPrefix("rdkafka#"), let end = text.range(of: ": ") { text = text[end.upperBound...] }
        return String(text)
    }

    /// The report of message `index`, nil when none arrived.
    func report(_ index: Int) -> Report? {
        var error: Int32 = 0, status: Int32 = 0
        return gh_kafka_report(handle, Int32(index), &error, &status) == 1 ? Report(error: error, status: status) : nil
    }

    /// `Broker: Message size too large (MSG_SIZE_TOO_LARGE)`.
    static func describe(_ error: Int32) -> String {
        "\(String(cString: gh_kafka_err2str(error))) (\(String(cString: gh_kafka_err2name(error))))"
    }
}

/// librdkafka could not be loaded or refused the producer's configuration.
struct KafkaProducerError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
