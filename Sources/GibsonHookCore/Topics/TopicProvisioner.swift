/// `topics check` and `topics apply`: compares the configured topics with the cluster's and, for `apply`,
/// creates the missing ones and (with `fix`) adds partitions and sets configs that differ. Never deletes a
/// topic, removes partitions, lowers replication or touches a config the configuration does not name.
struct TopicProvisioner {
    let admin: any TopicAdmin

    /// Compares only.
    func check(_ desired: [TopicSpec]) throws(TopicsError) -> TopicReport {
        let plan = TopicPlan(desired: desired, cluster: try admin.observe(desired.map(\.name)))
        return TopicReport(
            mode: "check", fix: false, via: admin.via, brokers: plan.brokers,
            topics: plan.entries.map { TopicReport.Topic(entry: $0, remaining: $0.drift) })
    }

    /// Creates what is missing; with `fix`, also fixes what can be fixed. Idempotent: a second run changes
    /// nothing.
    func apply(_ desired: [TopicSpec], fix: Bool) throws(TopicsError) -> TopicReport {
        let plan = TopicPlan(desired: desired, cluster: try admin.observe(desired.map(\.name)))
        var topics = plan.entries.map { TopicReport.Topic(entry: $0, remaining: $0.drift) }
        func index(_ name: String) -> Int { topics.firstIndex { $0.entry.spec.name == name }! }

        let creations = plan.creations
        if !creations.isEmpty {
            let refused = try admin.create(creations)
            for spec in creations {
                let at = index(spec.name)
                if let error = refused[spec.name] {
                    topics[at].errors.append("creating it: \(error)")
                } else {
                    topics[at].actions.append("created with \(partitions(spec.partitions)), replication \(spec.replication), "
                        + spec.configs.keys.sorted().map { "\($0)=\(spec.configs[$0]!)" }.joined(separator: ", "))
                    topics[at].remaining = []
                }
            }
        }
        guard fix else { return report(plan, topics, fix: fix) }

        let increases = plan.partitionIncreases
        if !increases.isEmpty {
            let refused = try admin.addPartitions(increases)
            for (name, total) in increases.sorted(by: { $0.key < $1.key }) {
                let at = index(name)
                if let error = refused[name] {
                    topics[at].errors.append("adding partitions: \(error)")
                } else {
                    topics[at].actions.append("partitions \(topics[at].entry.observed!.partitions) -> \(total)")
                    topics[at].remaining.removeAll { $0.kind == "partitions" }
                }
            }
        }
        let changes = plan.configChanges
        if !changes.isEmpty {
            let refused = try admin.alterConfigs(changes)
            for (name, configs) in changes.sorted(by: { $0.key < $1.key }) {
                let at = index(name)
                if let error = refused[name] {
                    topics[at].errors.append("setting configs: \(error)")
                } else {
                    topics[at].actions.append("set " + configs.keys.sorted().map { "\($0)=\(configs[$0]!)" }.joined(separator: ", "))
                    topics[at].remaining.removeAll { $0.kind == "config" }
                }
            }
        }
        return report(plan, topics, fix: fix)
    }

    private func report(_ plan: TopicPlan, _ topics: [TopicReport.Topic], fix: Bool) -> TopicReport {
        TopicReport(mode: "apply", fix: fix, via: admin.via, brokers: plan.brokers, topics: topics)
    }
}
