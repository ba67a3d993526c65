import Foundation
import Testing
@testable import GibsonHookCore

@Suite struct CloudEventsHTTPDecoderTests {
    private func decode(_ headers: [String: String], _ body: String) throws(CloudEventsHTTPError) -> [CloudEvent] {
        try CloudEventsHTTPDecoder.events(headers: headers, body: Array(body.utf8))
    }

    @Test func structuredModeReadsTheWholeEventFromTheBody() throws {
        let events = try decode(["content-type": "application/cloudevents+json; charset=utf-8"],
                                #"{"specversion":"1.0","id":"1","source":"urn:a","type":"t","data":{"x":1}}"#)
        #expect(events == [CloudEvent(id: "1", source: "urn:a", type: "t", dataContentType: nil, data: ["x": 1])])
    }

    @Test func binaryModeReadsPercentEncodedHeadersAndTheContentTypeAsDataContentType() throws {
        let events = try decode(
            ["ce-id": "2", "ce-source": "urn:b", "ce-type": "t", "ce-specversion": "1.0", "ce-subject": "caf%C3%A9%20%22x%22",
             "ce-traceparent": "00-1", "content-type": "application/json"],
            #"{"y":[1,2]}"#)
        #expect(events == [CloudEvent(
            id: "2", source: "urn:b", type: "t", subject: "café \"x\"", dataContentType: "application/json",
            extensions: ["traceparent": "00-1"], data: ["y": [1, 2]])])
        let text = try decode(["ce-id": "3", "ce-source": "urn:b", "ce-type": "t", "content-type": "text/plain"], "hello")
        #expect(text.first?.data == "hello")
    }

    @Test func batchModeReadsEveryEventAndNamesTheBadOne() throws {
        let two = try decode(["content-type": "application/cloudevents-batch+json"],
                             #"[{"id":"1","source":"s","type":"t"},{"id":"2","source":"s","type":"t"}]"#)
        #expect(two.map(\.id) == ["1", "2"])
        #expect(try decode(["content-type": "application/cloudevents-batch+json"], "[]").isEmpty)
        #expect(throws: CloudEventsHTTPError.invalid("batch event 2: required attribute 'id' is missing or empty")) {
            try decode(["content-type": "application/cloudevents-batch+json"], #"[{"id":"1","source":"s","type":"t"},{"source":"s"}]"#)
        }
    }

    @Test func malformedRequestsAreRefusedWithTheReason() {
        #expect(throws: CloudEventsHTTPError.invalid("the body is not valid JSON")) {
            try decode(["content-type": "application/cloudevents+json"], "{")
        }
        #expect(throws: CloudEventsHTTPError.invalid("a batch must be a JSON array of events")) {
            try decode(["content-type": "application/cloudevents-batch+json"], "{}")
        }
        #expect(throws: CloudEventsHTTPError.invalid("header 'ce-id' is not valid percent-encoded UTF-8")) {
            try decode(["ce-id": "%C0%A0", "ce-source": "s", "ce-type": "t"], "")
        }
        #expect(throws: CloudEventsHTTPError.invalid(
            "no CloudEvent: send Content-Type application/cloudevents+json, application/cloudevents-batch+json, or ce- headers (binary mode)")) {
            try decode(["content-type": "application/json"], "{}")
        }
        #expect(throws: CloudEventsHTTPError.unsupportedData("application/octet-stream")) {
            try CloudEventsHTTPDecoder.events(
                headers: ["ce-id": "1", "ce-source": "s", "ce-type": "t", "content-type": "application/octet-stream"],
                body: [0xFF, 0xFE])
        }
    }
}

@Suite struct TriggerEffectTests {
    private let event = CloudEvent(id: "e1", source: "urn:x", type: "com.example.deployed", data: ["service": "api"])

    @Test func runAndGibsonActionsNameDefinedActionsAndCarryTheChain() throws {
        let actions = ["notify": ActionSettings(command: ["notify-send", "hi"])]
        let plan = try EventTriggerPlan(triggers: [
            EventTrigger(name: "a", event: "com.example.deployed", action: "run:notify"),
            EventTrigger(name: "b", event: "*", filter: "service=api", action: "gibson:notify"),
            EventTrigger(name: "c", event: "*", action: "gibson:recovery"),
        ], workflows: Workflows(), actions: actions)
        let fired = plan.effects(for: event, topic: "")
        #expect(fired.loops.isEmpty)
        #expect(fired.effects.count == 3)
        guard case .run(let run) = fired.effects[0], case .run(let second) = fired.effects[1],
            case .workflow(let start, let chain) = fired.effects[2]
        else { Issue.record("unexpected effects \(fired.effects)"); return }
        #expect((run.action, run.command, run.chain) == ("notify", ["notify-send", "hi"], ["a"]))
        #expect(run.runId.hasPrefix("run-a-e1-"))
        #expect(ActionRun(eventData: run.eventData) == run)
        #expect(second.trigger == "b")
        #expect((start.workflowType, chain) == ("gibson-recovery-workflow", ["c"]))
    }

    @Test func anUndefinedActionIsAnError() {
        #expect(EventTriggerPlan.problems(in: [EventTrigger(name: "x", event: "*", action: "run:missing")], workflows: Workflows())
            == [.unknownAction(trigger: "x", action: "run:missing")])
    }

    @Test func sourceSpellingsMatchWhereTheEventCameFrom() throws {
        let plan = try EventTriggerPlan(triggers: [
            EventTrigger(name: "k", event: "kafka:message", topic: "ai-training-events", action: "emit:copies"),
            EventTrigger(name: "d", event: "docker:container:start", filter: "service=postgres", action: "gibson:activate"),
        ], workflows: Workflows())
        #expect(plan.effects(for: event, topic: "ai-training-events", origin: "kafka").effects.count == 1)
        #expect(plan.effects(for: event, topic: "ai-training-events", origin: "webhook").effects.isEmpty)
        #expect(plan.effects(for: event, topic: "other", origin: "kafka").effects.isEmpty)
        let started = CloudEvent(id: "c1", source: "docker", type: "ai.gibson.hook.docker.container.start", data: ["service": "postgres"])
        #expect(plan.requests(for: started, topic: "").map(\.workflowType) == ["gibson-activation-workflow"])
    }

    @Test func aTriggerSkipsTheEventsItMadeAndReportsTheLoop() throws {
        let plan = try EventTriggerPlan(triggers: [
            EventTrigger(name: "one", event: "*", action: "emit:a"),
            EventTrigger(name: "two", event: "*", action: "emit:b"),
        ], workflows: Workflows())
        var copy = event
        copy.extensions[EventTriggerPlan.chainAttribute] = "one"
        let fired = plan.effects(for: copy, topic: "a")
        #expect(fired.loops == [TriggerLoop(trigger: "one", eventId: "e1", chain: ["one"])])
        guard case .emit(let next, let topic)? = fired.effects.first else { Issue.record("no emit"); return }
        #expect((topic, EventTriggerPlan.chain(of: next)) == ("b", ["one", "two"]))
        #expect(next.id.hasPrefix("trigger-two-e1-"))
    }
}

@Suite struct ReceivedEventsTests {
    let outbox = TemporaryOutbox()

    @Test func eventsFromOtherSourcesOrWithSimilarIdsEachGetTheirOwnEffect() throws {
        let store = try outbox.open(clock: FakeClock())
        let plan = try EventTriggerPlan(
            triggers: [EventTrigger(name: "r", event: "*", action: "run:note")], workflows: Workflows(),
            actions: ["note": ActionSettings(command: ["true"])])
        let factory = EventFactory(configuration: Configuration(), hostName: "h", clock: FakeClock())
        store.fireTriggers(plan) { (effect: TriggerEffect) in factory.triggered(effect) }
        let events = [
            CloudEvent(id: "1", source: "urn:machine-a", type: "t"), CloudEvent(id: "1", source: "urn:machine-b", type: "t"),
            CloudEvent(id: "a/b", source: "urn:x", type: "t"), CloudEvent(id: "a:b", source: "urn:x", type: "t"),
        ]
        #expect(try store.receive(events, topic: "", origin: "webhook").map(\.effects) == [1, 1, 1, 1])
        #expect(try store.list().count == 4)
        #expect(store.ignoredEffects.isEmpty)
    }

    @Test func anEffectWhoseIdIsAlreadyStoredIsReportedNotSilentlyDropped() throws {
        let store = try outbox.open(clock: FakeClock())
        let plan = try EventTriggerPlan(
            triggers: [EventTrigger(name: "r", event: "*", action: "run:note")], workflows: Workflows(),
            actions: ["note": ActionSettings(command: ["true"])])
        let factory = EventFactory(configuration: Configuration(), hostName: "h", clock: FakeClock())
        store.fireTriggers(plan) { (effect: TriggerEffect) in factory.triggered(effect) }
        let event = CloudEvent(id: "e1", source: "urn:x", type: "t")
        let fired = plan.effects(for: event, topic: "").effects
        let effect = try #require(fired.first)
        try store.insert(factory.triggered(effect))
        #expect(try store.receive([event], topic: "", origin: "webhook").map(\.effects) == [0])
        #expect(store.ignoredEffects.count == 1)
        #expect(store.ignoredEffects.first?.contains("already stored") == true)
    }

    @Test func anEventAndItsEffectsAreStoredTogetherAndADuplicateFiresNothing() throws {
        let store = try outbox.open(clock: FakeClock())
        let plan = try EventTriggerPlan(
            triggers: [EventTrigger(name: "r", event: "*", action: "run:note")], workflows: Workflows(),
            actions: ["note": ActionSettings(command: ["true"])])
        let factory = EventFactory(configuration: Configuration(), hostName: "h", clock: FakeClock())
        store.fireTriggers(plan) { (effect: TriggerEffect) in factory.triggered(effect) }
        let event = CloudEvent(id: "e1", source: "urn:x", type: "t")
        #expect(try store.receive([event, event], topic: "", origin: "webhook").map { ($0.duplicate, $0.effects) }.elementsEqual(
            [(false, 1), (true, 0)], by: ==))
        #expect(try store.receive([event], topic: "", origin: "webhook").first?.duplicate == true)
        #expect(try store.list().map { $0.id.hasPrefix("run-r-e1-") } == [true])
        #expect(try store.receivedCounts() == ["webhook": 1])
        // The received event is not in `events`: it is never sent on to the sinks.
        #expect(try store.list().allSatisfy { $0.type == ActionRun.eventType })
    }

    @Test func aFailedTransactionStoresNeitherTheEventNorItsEffects() throws {
        let store = try outbox.open(clock: FakeClock())
        struct Refused: Error {}
        #expect(throws: Refused.self) {
            try store.receive([CloudEvent(id: "e1", source: "urn:x", type: "t")], topic: "", origin: "kafka") { throw Refused() }
        }
        #expect(try store.receivedCounts().isEmpty)
    }
}

@Suite struct ActionSinkTests {
    @Test func theCommandGetsTheEventAndAFailureKeepsItsOutput() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gh-action-\(UUID().uuidString)").path
        var seen: [String: String] = [:]
        var file = ""
        let runner = FakeRunner { request in
            seen = request.environment.values
            file = (try? String(contentsOfFile: request.environment["GIBSON_EVENT_DATA_FILE"] ?? "", encoding: .utf8)) ?? ""
            return ProcessResult(termination: .exited(request.arguments == ["fail"] ? 4 : 0), standardError: Array("no disk\n".utf8))
        }
        let sink = ActionSink(runner: runner, environment: ProcessEnvironment(["PATH": "/bin"]), directory: directory)
        let event = CloudEvent(id: "e1", source: "urn:x", type: "t", data: ["k": "v"])
        func outbound(_ command: [String]) -> OutboundEvent {
            let run = ActionRun(action: "a", trigger: "tr", command: command, timeout: .seconds(5), event: event, chain: ["tr"])
            return OutboundEvent(event: CloudEvent(id: run.runId, source: "s", type: ActionRun.eventType, data: run.eventData), topic: "t", key: nil)
        }
        #expect(sink.deliver([outbound(["tool", "ok"])], deadline: .distantFuture) == [.delivered])
        #expect(runner.requests.first?.executable == "tool")
        #expect(seen["GIBSON_EVENT_ID"] == "e1" && seen["GIBSON_EVENT_SOURCE"] == "urn:x" && seen["GIBSON_EVENT_TYPE"] == "t")
        #expect(seen["GIBSON_HOOK_TRIGGER_CHAIN"] == "tr" && seen["PATH"] == "/bin")
        #expect(file == event.jsonObject.serialized())
        #expect(!FileManager.default.fileExists(atPath: seen["GIBSON_EVENT_DATA_FILE"] ?? ""))
        #expect(sink.deliver([outbound(["tool", "fail"])], deadline: .distantFuture)
            == [.retry(reason: "action 'a' exited 4: no disk", retryAfter: nil)])
    }
}

@Suite struct ListenValidationTests {
    private func problems(_ yaml: String) throws -> [String] {
        ConfigLoader.check(contents: Data(yaml.utf8), path: "c.yml").map(\.description)
    }

    @Test func sourcesThatNeedASinkAndUndefinedActionsAreReportedTogether() throws {
        let found = try problems("""
            listen:
              kafka: {topics: [gibson-events]}
              temporal: {workflowTypes: [project-creation-workflow]}
            actions:
              empty: {}
            eventTriggers:
              - {name: a, event: "*", action: "run:missing"}
            """)
        #expect(found.count == 4, "\(found)")
        #expect(found.contains { $0.contains("'listen.kafka.topics' needs 'sinks.kafka.brokers'") })
        #expect(found.contains { $0.contains("'listen.temporal.workflowTypes' needs 'sinks.temporal.url'") })
        #expect(found.contains { $0.contains("c.yml:7:") && $0.contains("invalid value 'run:missing' for 'eventTriggers[0].action'") })
        #expect(found.contains { $0.contains("action 'empty' has no command") })
    }
}
