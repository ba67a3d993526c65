import Foundation
import KafkaLoader

/// Topic administration through librdkafka's Admin API (loaded at run time, like the native sink's
/// producer): cluster metadata for brokers, partitions and replicas, DescribeConfigs, CreateTopics,
/// CreatePartitions and IncrementalAlterConfigs (librdkafka 2.2.0 or later).
final class KafkaTopicAdmin: TopicAdmin {
    let via = "kafka"
    private let handle: OpaquePointer
    private let timeout: Int32
    private let brokers: String

    /// Loads librdkafka from `libraryPath` (nil: the system's) and makes a client with `properties`, of
    /// which `configured` are the user's `sinks.kafka.librdkafka`; requests wait at most `timeout` seconds
    /// (at most an hour: librdkafka's limit).
    init(libraryPath: String?, properties: [(String, String)], configured: Set<String>, timeout: Double) throws(TopicsError) {
        guard gh_kafka_load(libraryPath) == 1 else { throw .library(String(cString: gh_kafka_load_error())) }
        var error = [CChar](repeating: 0, count: 768)
        var refused: Int32 = -1
        let keys = properties.map { strdup($0.0) }
        let values = properties.map { strdup($0.1) }
        defer { (keys + values).forEach { free($0) } }
        let made = keys.map { UnsafePointer($0) }.withUnsafeBufferPointer { keyPointers in
            values.map { UnsafePointer($0) }.withUnsafeBufferPointer { valuePointers in
                gh_kafka_admin_new(keyPointers.baseAddress, valuePointers.baseAddress, Int32(properties.count), &refused, &error, error.count)
            }
        }
        guard let made else {
            let reason = Self.text(error)
            guard properties.indices.contains(Int(refused)) else { throw .library("librdkafka: " + reason) }
            let name = properties[Int(refused)].0
            throw .invalidProperty(configured.contains(name)
                ? "librdkafka refused 'sinks.kafka.librdkafka.\(name)': \(reason): fix or remove it (librdkafka's "
                    + "CONFIGURATION.md lists the properties)"
                : "librdkafka refused the property '\(name)' made from sinks.kafka: \(reason)")
        }
        handle = made
        self.timeout = gh_kafka_timeout_ms(timeout)
        brokers = properties.first { $0.0 == "bootstrap.servers" }?.1 ?? ""
    }

    deinit { gh_kafka_admin_destroy(handle) }

    func observe(_ names: [String]) throws(TopicsError) -> ObservedCluster {
        var cluster: OpaquePointer?
        let err = gh_kafka_admin_metadata(handle, timeout, &cluster)
        guard err == 0, let cluster else {
            throw .unreachable("the Kafka cluster at '\(brokers)' did not answer: \(Self.describe(err)); "
                + "check sinks.kafka.brokers and that the brokers are up")
        }
        defer { gh_kafka_cluster_destroy(cluster) }
        let wanted = Set(names)
        var found: [String: (partitions: Int, replication: Int)] = [:]
        for index in 0..<gh_kafka_cluster_topics(cluster) {
            let name = String(cString: gh_kafka_cluster_topic_name(cluster, index))
            guard wanted.contains(name), gh_kafka_cluster_topic_error(cluster, index) == 0 else { continue }
            found[name] = (Int(gh_kafka_cluster_topic_partitions(cluster, index)), Int(gh_kafka_cluster_topic_replicas(cluster, index)))
        }
        let configs = found.isEmpty ? [:] : try describeConfigs(found.keys.sorted())
        var topics: [String: ObservedTopic] = [:]
        for (name, counts) in found {
            topics[name] = ObservedTopic(partitions: counts.partitions, replication: counts.replication, configs: configs[name] ?? [:])
        }
        return ObservedCluster(brokers: Int(gh_kafka_cluster_brokers(cluster)), topics: topics)
    }

    /// Each topic's configs that have a value, by topic name.
    private func describeConfigs(_ names: [String]) throws(TopicsError) -> [String: [String: String]] {
        let results = try request { err, error, size in
            Self.withCStrings(names) { cNames in
                gh_kafka_admin_describe_configs(handle, Int32(names.count), cNames, timeout, err, error, size)
            }
        }
        defer { gh_kafka_results_destroy(results) }
        var configs: [String: [String: String]] = [:]
        for index in 0..<gh_kafka_results_count(results) {
            let name = String(cString: gh_kafka_results_name(results, index))
            if gh_kafka_results_error(results, index) != 0 {
                throw .refused("describing the configs of topic '\(name)': " + String(cString: gh_kafka_results_error_string(results, index)))
            }
            var values: [String: String] = [:]
            for config in 0..<gh_kafka_results_configs(results, index) {
                guard let value = gh_kafka_results_config_value(results, index, config) else { continue }
                values[String(cString: gh_kafka_results_config_name(results, index, config))] = String(cString: value)
            }
            configs[name] = values
        }
        return configs
    }

    func create(_ topics: [TopicSpec]) throws(TopicsError) -> [String: String] {
        let flat = Self.flatten(topics.map { ($0.name, $0.configs) })
        return try perTopic(topics.map(\.name)) { err, error, size in
            Self.withCStrings(topics.map(\.name)) { names in
                Self.withCStrings(flat.keys) { keys in
                    Self.withCStrings(flat.values) { values in
                        gh_kafka_admin_create_topics(
                            handle, Int32(topics.count), names, topics.map { Int32($0.partitions) },
                            topics.map { Int32($0.replication) }, flat.counts, keys, values, timeout, err, error, size)
                    }
                }
            }
        }
    }

    func addPartitions(_ totals: [String: Int]) throws(TopicsError) -> [String: String] {
        let sorted = totals.sorted { $0.key < $1.key }
        return try perTopic(sorted.map(\.key)) { err, error, size in
            Self.withCStrings(sorted.map(\.key)) { names in
                gh_kafka_admin_create_partitions(handle, Int32(sorted.count), names, sorted.map { Int32($0.value) }, timeout, err, error, size)
            }
        }
    }

    func alterConfigs(_ changes: [String: [String: String]]) throws(TopicsError) -> [String: String] {
        let sorted = changes.sorted { $0.key < $1.key }
        let flat = Self.flatten(sorted.map { ($0.key, $0.value) })
        return try perTopic(sorted.map(\.key)) { err, error, size in
            Self.withCStrings(sorted.map(\.key)) { names in
                Self.withCStrings(flat.keys) { keys in
                    Self.withCStrings(flat.values) { values in
                        gh_kafka_admin_alter_configs(handle, Int32(sorted.count), names, flat.counts, keys, values, timeout, err, error, size)
                    }
                }
            }
        }
    }

    /// Runs one admin request; a request-level failure throws (unreachable when the cluster did not answer).
    private func request(
        _ send: (UnsafeMutablePointer<Int32>, UnsafeMutablePointer<CChar>, Int) -> OpaquePointer?
    ) throws(TopicsError) -> OpaquePointer {
        var err: Int32 = 0
        var error = [CChar](repeating: 0, count: 768)
        let results = error.withUnsafeMutableBufferPointer { buffer in send(&err, buffer.baseAddress!, buffer.count) }
        guard let results else {
            let message = Self.text(error)
            if Self.unreachableErrors.contains(err) {
                throw .unreachable("the Kafka cluster at '\(brokers)' did not answer: \(message)")
            }
            throw message.hasPrefix("librdkafka '") ? .library(message) : .refused("\(message) (\(String(cString: gh_kafka_err2name(err))))")
        }
        return results
    }

    /// A request's per-topic refusals by topic name; a refusal of the whole request is every topic's.
    private func perTopic(
        _ names: [String], _ send: (UnsafeMutablePointer<Int32>, UnsafeMutablePointer<CChar>, Int) -> OpaquePointer?
    ) throws(TopicsError) -> [String: String] {
        let results: OpaquePointer
        do {
            results = try request(send)
        } catch .refused(let message) {
            return Dictionary(uniqueKeysWithValues: names.map { ($0, message) })
        }
        defer { gh_kafka_results_destroy(results) }
        var refused: [String: String] = [:]
        for index in 0..<gh_kafka_results_count(results) where gh_kafka_results_error(results, index) != 0 {
            refused[String(cString: gh_kafka_results_name(results, index))] =
                "\(String(cString: gh_kafka_results_error_string(results, index))) (\(String(cString: gh_kafka_err2name(gh_kafka_results_error(results, index)))))"
        }
        return refused
    }

    /// `_TIMED_OUT`, `_TRANSPORT`, `_ALL_BROKERS_DOWN`, `_RESOLVE`: nothing answered.
    static let unreachableErrors: Set<Int32> = [-185, -195, -187, -193]

    static func describe(_ error: Int32) -> String {
        "\(String(cString: gh_kafka_err2str(error))) (\(String(cString: gh_kafka_err2name(error))))"
    }

    private static func text(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Per-topic configs as counts plus flat key and value lists, in topic order.
    private static func flatten(_ topics: [(String, [String: String])]) -> (counts: [Int32], keys: [String], values: [String]) {
        var counts: [Int32] = [], keys: [String] = [], values: [String] = []
        for (_, configs) in topics {
            counts.append(Int32(configs.count))
            for key in configs.keys.sorted() {
                keys.append(key)
                values.append(configs[key]!)
            }
        }
        return (counts, keys, values)
    }

    /// `strings` as a C array of C strings for the duration of `body`.
    private static func withCStrings<T>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> T) -> T {
        let copies = strings.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        return copies.map { UnsafePointer($0) }.withUnsafeBufferPointer { body($0.baseAddress) }
    }
}
