import Foundation
import Testing
@testable import GibsonHookCore

@Suite struct EventFactoryTests {
    let clock = ManualClock(Date(timeIntervalSince1970: 1_800_000_000.123))

    func factory(_ configure: (inout Configuration) -> Void = { _ in }, remote: String? = nil) -> EventFactory {
        var configuration = Configuration()
        configure(&configuration)
        return EventFactory(configuration: configuration, remoteURL: remote, hostName: "build-1", clock: clock)
    }

    @Test func envelopeHasAUniqueUUIDv7IdAnRFC3339TimeAndJSONContent() throws {
        let first = factory().make(type: "project.updated", data: [:])
        let second = factory().make(type: "project.updated", data: [:])
        #expect(first.event.id != second.event.id)
        #expect(first.event.id.count == 36 && Array(first.event.id)[14] == "7")
        #expect(first.event.time == "2027-01-15T08:00:00.123Z")
        #expect(first.event.type == "ai.gibson.hook.project.updated")
        #expect(first.event.dataContentType == "application/json")
        #expect(first.event.extensions.isEmpty)
        let decoded = try CloudEvent(jsonObject: first.event.jsonObject)
        #expect(decoded == first.event)
    }

    @Test func sourceIsConfiguredThenRemoteWithoutCredentialsThenHost() {
        #expect(factory({ $0.project.source = "https://git.example.com/acme/w" }, remote: "https://x/y").source == "https://git.example.com/acme/w")
        #expect(factory(remote: "https://ada:s3cret@git.example.com/acme/w.git").source == "https://git.example.com/acme/w.git")
        #expect(factory(remote: "git@github.com:acme/w.git").source == "git@github.com:acme/w.git")
        #expect(factory().source == "urn:gibson-hook:host:build-1")
    }

    @Test func familiesRouteToTheDesignTopicsAndRoutingIsConfigurable() {
        let routing = factory().routing
        #expect(routing.topic(forType: "ai.gibson.hook.gibson.recovery") == "gibson-events")
        #expect(routing.topic(forType: "ai.gibson.hook.project.created") == "project-events")
        #expect(routing.topic(forType: "ai.gibson.hook.ai.training-start") == "ai-events")
        #expect(routing.topic(forType: "ai.gibson.hook.system.infrastructure-ready") == "system-events")
        #expect(routing.topic(forType: CommitEventInput.type) == "project-events")
        #expect(routing.topic(forType: "com.example.other") == "gibson-events")
        #expect(factory({ $0.routing["commit"] = "commits" }).routing.topic(forType: CommitEventInput.type) == "commits")
    }

    @Test func recordKeyFollowsThePartitionKeySetting() {
        #expect(factory(remote: "https://h/r").make(type: "a.b", data: nil).key == "https://h/r")
        #expect(factory({ $0.project.partitionKey = "project"; $0.project.id = "p-1" }).make(type: "a.b", data: nil).key == "p-1")
        #expect(factory({ $0.project.partitionKey = "none" }).make(type: "a.b", data: nil).key == nil)
        #expect(factory({ $0.project.partitionKey = "branch" }, remote: "https://h/r").make(type: "a.b", data: nil, branch: "main").key == "https://h/r#main")
        #expect(factory().make(type: "a.b", data: nil, key: "explicit").key == "explicit")
    }

    @Test func shortTypesAreExpandedForeignTypesKept() {
        #expect(EventFamily.expand(type: "git.commit") == CommitEventInput.type)
        #expect(EventFamily.expand(type: "ai.gibson.hook.ai.training-start") == "ai.gibson.hook.ai.training-start")
        #expect(EventFamily.expand(type: "com.example.x") == "com.example.x")
        #expect(EventFamily.expand(type: "project") == "project")
        // Reverse-DNS types that start with a family name are full types, not short forms.
        #expect(EventFamily.expand(type: "ai.gibson.test.sample") == "ai.gibson.test.sample")
        #expect(EventFamily.expand(type: "project.acme.deployed") == "project.acme.deployed")
    }

    @Test func typedEventsCarryTheDesignDocumentFields() throws {
        let f = factory({ $0.project.id = "p-1" })
        let gibson = f.gibson(GibsonEventData(eventType: .healthCheck, serviceStatus: .running, projectId: "p-1"))
        let project = f.project(ProjectEventData(eventType: .deployed, projectId: "p-1", userId: "ada", changes: [["kind": "schema"]]))
        let ai = f.ai(AIEventData(eventType: .modelOptimized, modelId: "m", projectId: "p-1", metrics: ["loss": .number(0.1)]))
        let infra = f.infrastructureReady(InfrastructureReadyData(services: [.init(name: "redis", status: "up")]))
        let required: [(OutboundEvent, String, [String])] = [
            (gibson, "ai.gibson.hook.gibson.health-check", ["eventId", "timestamp", "eventType", "serviceStatus", "metadata"]),
            (project, "ai.gibson.hook.project.deployed", ["eventId", "timestamp", "eventType", "projectId", "userId", "changes", "metadata"]),
            (ai, "ai.gibson.hook.ai.model-optimized", ["eventId", "timestamp", "eventType", "modelId", "projectId", "metrics", "metadata"]),
            (infra, "ai.gibson.hook.system.infrastructure-ready", ["eventId", "timestamp", "services", "ready", "metadata"]),
        ]
        for (outbound, type, fields) in required {
            #expect(outbound.event.type == type)
            let data = try #require(outbound.event.data?.objectValue)
            for field in fields { #expect(data[field] != nil, "\(type) lacks \(field)") }
            #expect(data["eventId"] == .string(outbound.event.id))
        }
        #expect(infra.event.data?["ready"] == .bool(true))
    }

    @Test func workflowStartsCarryTheRequest() {
        let request = WorkflowRequest(workflowType: "gibson-recovery-workflow", workflowId: "recovery-1")
        let outbound = factory().workflowStart(request)
        #expect(outbound.event.type == WorkflowRequest.eventType)
        #expect(WorkflowRequest(eventData: outbound.event.data ?? .null) == request)
    }

    func commit(files: Int, pathLength: Int = 20) -> CommitEventInput {
        let statuses = ["added", "modified", "deleted"]
        return CommitEventInput(
            sha: String(repeating: "a", count: 40), parents: [String(repeating: "b", count: 40)], branch: "main",
            authorName: "Ada", authorEmail: "ada@example.com", authorTime: "2027-01-15T09:00:00+01:00", subject: "Add things",
            changedFiles: (0..<files).map { .init(path: "dir/" + String(repeating: "x", count: pathLength) + "\($0)", status: statuses[$0 % 3]) },
            repositoryName: "widgets", remoteURL: "https://git.example.com/acme/widgets.git")
    }

    @Test func commitEventIsAProjectUpdateWithTheRepositoryContext() throws {
        let outbound = factory().commit(commit(files: 2))
        let data = try #require(outbound.event.data)
        #expect(outbound.event.type == "ai.gibson.hook.git.commit" && outbound.event.subject == "refs/heads/main")
        #expect(data["eventType"] == "updated" && data["projectId"] == "widgets" && data["userId"] == "ada@example.com")
        #expect(data["sha"] == .string(String(repeating: "a", count: 40)) && data["branch"] == "main")
        #expect(data["author"]?["email"] == "ada@example.com" && data["subject"] == "Add things")
        #expect(data["changedFiles"]?.arrayValue?.count == 2 && data["truncated"] == .bool(false))
    }

    @Test func aCommitTouching100000FilesIsSummarisedUnder64KiB() throws {
        let outbound = factory().commit(commit(files: 100_000, pathLength: 80))
        let data = try #require(outbound.event.data)
        #expect(data["truncated"] == .bool(true))
        #expect(data["changedFilesTotal"] == .integer(100_000))
        #expect(data["changedFilesByStatus"]?["added"] == .integer(33_334))
        let listed = try #require(data["changedFiles"]?.arrayValue?.count)
        #expect(listed > 0 && listed <= 1000)
        #expect(outbound.event.jsonObject.serialized().utf8.count < EventFactory.maxEventBytes)
    }

    @Test func totalsCountsAndTruncatedDescribeTheWholeCommitWhenOnlyItsFirstFilesAreGiven() throws {
        var input = commit(files: 1000)
        input.changedFilesTotal = 1500
        input.changedFilesByStatus = ["added": 1400, "deleted": 100]
        let data = try #require(factory().commit(input).event.data)
        #expect(data["changedFilesTotal"] == .integer(1500) && data["truncated"] == .bool(true))
        #expect(data["changedFilesByStatus"] == ["added": 1400, "deleted": 100])
        #expect(data["changedFiles"]?.arrayValue?.count == 1000)
    }
}
