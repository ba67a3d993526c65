import Foundation
import Testing
@testable import GibsonHookCore

@Suite struct EventTriggerPlanTests {
    let workflows = Workflows()

    private func event(_ type: String, data: JSONValue? = nil, id: String = "e1") -> CloudEvent {
        CloudEvent(id: id, source: "urn:test", type: type, time: "2027-01-15T08:00:00.000Z", data: data)
    }

    private func plan(_ triggers: EventTrigger...) throws -> EventTriggerPlan {
        try EventTriggerPlan(triggers: triggers, workflows: workflows)
    }

    @Test func aMatchingEventRequestsTheActionsWorkflowWithTheEventAsInput() throws {
        let rules = try plan(EventTrigger(
            name: "system-health", event: "gibson:health-check", filter: "serviceStatus=error|stopped",
            action: "gibson:recovery"))
        let failing = event("ai.gibson.hook.gibson.health-check", data: ["serviceStatus": "error"])
        let requests = rules.requests(for: failing, topic: "gibson-events")
        #expect(requests.count == 1)
        #expect(requests.first?.workflowType == "gibson-recovery-workflow")
        #expect(requests.first?.workflowId.hasPrefix("trigger-system-health-e1-") == true)
        #expect(requests.first?.input == [failing.jsonObject])
        let healthy = event("ai.gibson.hook.gibson.health-check", data: ["serviceStatus": "running"])
        #expect(rules.requests(for: healthy, topic: "gibson-events").isEmpty)
    }

    @Test func typePatternsMatchExactlyByPrefixOrEverything() throws {
        let rules = try plan(
            EventTrigger(name: "exact", event: "project.deployed", action: "gibson:activate"),
            EventTrigger(name: "prefix", event: "ai.gibson.hook.ai.*", action: "workflow:model-optimizer"),
            EventTrigger(name: "any", event: "*", filter: "subject=refs/heads/main", action: "gibson:scale"))
        #expect(rules.requests(for: event("ai.gibson.hook.project.deployed"), topic: "t").map(\.workflowType)
            == ["gibson-activation-workflow"])
        #expect(rules.requests(for: event("ai.gibson.hook.ai.training-start"), topic: "t").map(\.workflowType)
            == ["model-optimizer"])
        var onMain = event("com.example.build")
        onMain.subject = "refs/heads/main"
        #expect(rules.requests(for: onMain, topic: "t").map(\.workflowType) == ["gibson-scaling-workflow"])
        #expect(rules.requests(for: event("com.example.build"), topic: "t").isEmpty)
    }

    @Test func filtersReadDataPathsArraysOfNamesAndTheTopic() throws {
        let rules = try plan(EventTrigger(
            name: "infra", event: "system.infrastructure-ready", filter: "services=postgres|redis, ready=true",
            topic: "system-events", action: "gibson:activate"))
        let ready = event(
            "ai.gibson.hook.system.infrastructure-ready",
            data: ["ready": true, "services": [["name": "postgres", "status": "up"]]])
        #expect(rules.requests(for: ready, topic: "system-events").count == 1)
        #expect(rules.requests(for: ready, topic: "other-topic").isEmpty)
        let notReady = event("ai.gibson.hook.system.infrastructure-ready", data: ["ready": false, "services": []])
        #expect(rules.requests(for: notReady, topic: "system-events").isEmpty)
    }

    @Test func workflowRequestsNeverTriggerSoTriggersCannotLoop() throws {
        let rules = try plan(EventTrigger(name: "all", event: "*", action: "gibson:recovery"))
        #expect(rules.requests(for: event(WorkflowRequest.eventType), topic: "t").isEmpty)
    }

    @Test func disabledWorkflowsAreNotRequested() throws {
        var disabled = Workflows()
        disabled.recovery.enabled = false
        let rules = try EventTriggerPlan(
            triggers: [EventTrigger(name: "r", event: "*", action: "gibson:recovery")], workflows: disabled)
        #expect(rules.requests(for: event("com.example.x"), topic: "t").isEmpty)
    }

    @Test func unknownActionsAndMalformedFiltersAreReported() {
        let triggers = [
            EventTrigger(name: "schema", event: "*", action: "gibson:generate-schema"),
            EventTrigger(name: "bad", event: "*", filter: "service", action: "gibson:activate"),
        ]
        #expect(EventTriggerPlan.problems(in: triggers, workflows: workflows) == [
            .unknownAction(trigger: "schema", action: "gibson:generate-schema"),
            .invalidFilter(trigger: "bad", filter: "service"),
        ])
    }

    @Test func effectIdsCarryNoSlashesAndDifferBySourceIdAndTrigger() {
        let id = { (trigger: String, id: String, source: String) in
            EventTriggerPlan.effectId(prefix: "trigger", trigger: trigger, event: CloudEvent(id: id, source: source, type: "t"))
        }
        let base = id("a/b c", "x/y", "urn:a")
        #expect(base.hasPrefix("trigger-a-b-c-x-y-"))
        #expect(base.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-._".contains($0)) })
        #expect(base == id("a/b c", "x/y", "urn:a"))
        let others = [id("a/b c", "x/y", "urn:b"), id("a/b c", "x:y", "urn:a"), id("a:b c", "x/y", "urn:a")]
        #expect(Set(others + [base]).count == 4)
        #expect(id("t", String(repeating: "x", count: 5000), "urn:a").count < 200)
    }
}

@Suite struct OutboxTriggerTests {
    let clock = ManualClock()
    let outbox = TemporaryOutbox()

    @Test func theOutboxStoresTheTriggeredStartWithTheEventAndOnlyOnce() throws {
        let store = try outbox.open(clock: clock)
        let plan = try EventTriggerPlan(
            triggers: [EventTrigger(name: "deploys", event: "project.updated", action: "gibson:activate")],
            workflows: Workflows())
        var made = 0
        store.fireTriggers(plan) { (effect: TriggerEffect) in
            guard case .workflow(let request, _) = effect else { fatalError("only workflow triggers here") }
            made += 1
            return OutboundEvent(
                event: CloudEvent(id: "start-\(made)", source: "urn:test", type: WorkflowRequest.eventType,
                    data: request.eventData),
                topic: "workflows", key: nil)
        }
        try store.record([outboxEvent("e1")])
        // Recording the same event again stores nothing and triggers nothing.
        try store.record([outboxEvent("e1")])
        let rows = try store.list()
        #expect(rows.map(\.id) == ["e1", "start-1"])
        #expect(rows.last?.type == WorkflowRequest.eventType)
        let stored = try store.show(id: "start-1")
        #expect(WorkflowRequest(eventData: stored.event.event.data ?? .null)?.workflowId.hasPrefix("trigger-deploys-e1-") == true)
    }
}
