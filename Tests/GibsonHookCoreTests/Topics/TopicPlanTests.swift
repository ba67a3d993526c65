import Testing
@testable import GibsonHookCore

/// The diff of configured topics against the cluster's, and what apply does with it (through a fake admin).
@Suite struct TopicPlanTests {
    static let week = "604800000"

    func spec(_ name: String, partitions: Int = 3, replication: Int = 2, configs: [String: String] = ["retention.ms": week]) -> TopicSpec {
        TopicSpec(name: name, partitions: partitions, replication: replication, configs: configs)
    }

    @Test func theDesignDocumentsTopicsComeWithRetentionInMilliseconds() {
        var configuration = Configuration()
        configuration.topics["gibson-events"]!.configs = ["cleanup.policy": "delete", "retention.ms": "1000"]
        let specs = TopicSpec.configured(configuration)
        #expect(specs.map(\.name) == ["ai-events", "gibson-events", "project-events", "system-events"])
        #expect(specs[0] == spec("ai-events", partitions: 4, configs: ["retention.ms": "7776000000"]))
        // An explicit retention.ms in configs wins over retention.
        #expect(specs[1].configs == ["cleanup.policy": "delete", "retention.ms": "1000"])
    }

    @Test func aMissingTopicIsCreatedWithReplicationCappedByTheBrokers() {
        let plan = TopicPlan(desired: [spec("a")], cluster: ObservedCluster(brokers: 1, topics: [:]))
        #expect(plan.entries[0].drift == [.missing])
        #expect(plan.entries[0].warnings == ["replication 2 is capped to 1: the cluster has 1 broker"])
        #expect(plan.creations == [spec("a", replication: 1)])
        #expect(!plan.inSync)
    }

    @Test func aTopicAsConfiguredIsInSyncAndOtherConfigsAreIgnored() {
        let observed = ObservedTopic(partitions: 3, replication: 2, configs: ["retention.ms": Self.week, "segment.ms": "1"])
        let plan = TopicPlan(desired: [spec("a")], cluster: ObservedCluster(brokers: 3, topics: ["a": observed]))
        #expect(plan.inSync)
        #expect(plan.entries[0].warnings.isEmpty)
        #expect(plan.creations.isEmpty && plan.partitionIncreases.isEmpty && plan.configChanges.isEmpty)
    }

    @Test func fewerPartitionsOtherRetentionAndFewerReplicasAreDrift() {
        let observed = ObservedTopic(partitions: 1, replication: 1, configs: ["retention.ms": "1000"])
        let plan = TopicPlan(desired: [spec("a")], cluster: ObservedCluster(brokers: 3, topics: ["a": observed]))
        #expect(plan.entries[0].drift == [
            .fewerPartitions(actual: 1, configured: 3), .fewerReplicas(actual: 1, configured: 2),
            .config(key: "retention.ms", actual: "1000", configured: Self.week),
        ])
        #expect(plan.entries[0].drift.map(\.fixable) == [true, false, true])
        #expect(plan.partitionIncreases == ["a": 3])
        #expect(plan.configChanges == ["a": ["retention.ms": Self.week]])
    }

    @Test func moreThanConfiguredIsNeverShrunkOnlyNoted() {
        let observed = ObservedTopic(partitions: 6, replication: 3, configs: ["retention.ms": Self.week])
        let plan = TopicPlan(desired: [spec("a")], cluster: ObservedCluster(brokers: 3, topics: ["a": observed]))
        #expect(plan.inSync)
        #expect(plan.entries[0].warnings == ["has 6 partitions, more than the 3 configured (partitions are never removed)"])
        #expect(plan.partitionIncreases.isEmpty)
    }

    @Test func aConfigTheClusterDoesNotReportIsDrift() {
        let observed = ObservedTopic(partitions: 3, replication: 2, configs: [:])
        let plan = TopicPlan(desired: [spec("a")], cluster: ObservedCluster(brokers: 2, topics: ["a": observed]))
        #expect(plan.entries[0].drift == [.config(key: "retention.ms", actual: nil, configured: Self.week)])
        #expect(plan.entries[0].drift[0].description == "retention.ms is not set, configured '604800000'")
    }

    @Test func applyCreatesMissingTopicsAndLeavesDriftWithoutFix() throws {
        let admin = FakeTopicAdmin(brokers: 1, topics: ["b": ObservedTopic(partitions: 1, replication: 1, configs: ["retention.ms": "1"])])
        let report = try TopicProvisioner(admin: admin).apply([spec("a"), spec("b", replication: 1)], fix: false)
        #expect(admin.created == [spec("a", replication: 1)])
        #expect(admin.increased.isEmpty && admin.altered.isEmpty)
        #expect(report.topics.map(\.state) == ["created", "drift"])
        #expect(report.topics[0].actions == ["created with 3 partitions, replication 1, retention.ms=604800000"])
        #expect(!report.inSync)
    }

    @Test func applyWithFixAddsPartitionsAndSetsConfigsThenASecondRunChangesNothing() throws {
        let admin = FakeTopicAdmin(brokers: 1, topics: ["b": ObservedTopic(partitions: 1, replication: 1, configs: ["retention.ms": "1"])])
        let desired = [spec("b", replication: 1)]
        let first = try TopicProvisioner(admin: admin).apply(desired, fix: true)
        #expect(admin.increased == [["b": 3]])
        #expect(admin.altered == [["b": ["retention.ms": Self.week]]])
        #expect(first.topics[0].state == "fixed")
        #expect(first.topics[0].actions == ["partitions 1 -> 3", "set retention.ms=604800000"])
        #expect(first.inSync)
        let second = try TopicProvisioner(admin: admin).apply(desired, fix: true)
        #expect(second.topics[0].state == "in-sync" && second.topics[0].actions.isEmpty)
        #expect(admin.increased.count == 1 && admin.altered.count == 1)
    }

    @Test func aRefusedChangeIsReportedAndTheDriftRemains() throws {
        let admin = FakeTopicAdmin(brokers: 1, topics: ["b": ObservedTopic(partitions: 1, replication: 1, configs: ["retention.ms": Self.week])])
        admin.refusePartitions = "not supported (_UNSUPPORTED_FEATURE)"
        let report = try TopicProvisioner(admin: admin).apply([spec("b", replication: 1)], fix: true)
        #expect(report.topics[0].state == "failed")
        #expect(report.topics[0].errors == ["adding partitions: not supported (_UNSUPPORTED_FEATURE)"])
        #expect(report.topics[0].remaining == [.fewerPartitions(actual: 1, configured: 3)])
        #expect(!report.inSync)
    }

    @Test func checkChangesNothing() throws {
        let admin = FakeTopicAdmin(brokers: 1, topics: [:])
        let report = try TopicProvisioner(admin: admin).check([spec("a")])
        #expect(report.mode == "check" && report.topics.map(\.state) == ["missing"])
        #expect(admin.created.isEmpty)
    }
}

/// A cluster in memory: creations, partition increases and config changes apply to it.
final class FakeTopicAdmin: TopicAdmin {
    let via = "fake"
    var brokers: Int
    var topics: [String: ObservedTopic]
    var created: [TopicSpec] = []
    var increased: [[String: Int]] = []
    var altered: [[String: [String: String]]] = []
    var refusePartitions: String?

    init(brokers: Int, topics: [String: ObservedTopic]) {
        self.brokers = brokers
        self.topics = topics
    }

    func observe(_ names: [String]) throws(TopicsError) -> ObservedCluster {
        ObservedCluster(brokers: brokers, topics: topics.filter { names.contains($0.key) })
    }

    func create(_ specs: [TopicSpec]) throws(TopicsError) -> [String: String] {
        created += specs
        for spec in specs { topics[spec.name] = ObservedTopic(partitions: spec.partitions, replication: spec.replication, configs: spec.configs) }
        return [:]
    }

    func addPartitions(_ totals: [String: Int]) throws(TopicsError) -> [String: String] {
        if let refusePartitions { return totals.mapValues { _ in refusePartitions } }
        increased.append(totals)
        for (name, total) in totals { topics[name]!.partitions = total }
        return [:]
    }

    func alterConfigs(_ changes: [String: [String: String]]) throws(TopicsError) -> [String: String] {
        altered.append(changes)
        for (name, configs) in changes { topics[name]!.configs.merge(configs) { _, new in new } }
        return [:]
    }
}
