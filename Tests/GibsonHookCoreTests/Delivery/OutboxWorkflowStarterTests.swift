import Foundation
import Testing
@testable import GibsonHookCore

@Suite struct OutboxWorkflowStarterTests {
    let clock = FakeClock()
    let outbox = TemporaryOutbox()
    let request = WorkflowRequest(workflowType: "gibson-recovery-workflow", workflowId: "recovery-abc")

    func starter(_ sinks: [EventSink]) throws -> (OutboxWorkflowStarter, OutboxStore) {
        let store = try outbox.open(clock: clock)
        let factory = EventFactory(configuration: Configuration(), hostName: "h", clock: clock)
        return (OutboxWorkflowStarter(store: store, factory: factory, sinks: sinks, configuration: Configuration(), clock: clock), store)
    }

    func temporal(_ outcome: DeliveryOutcome) -> FakeSink {
        let sink = FakeSink(name: "temporal")
        sink.accept = { $0.event.type == WorkflowRequest.eventType }
        sink.respond = { _, _ in outcome }
        return sink
    }

    @Test func withoutAnEngineTheCallerRunsTheLocalFallback() throws {
        let kafka = FakeSink(name: "kafka")
        kafka.accept = { $0.event.type != WorkflowRequest.eventType }
        let (starter, store) = try starter([kafka])
        #expect(starter.start(request, deadline: clock.now().addingTimeInterval(5)) == .unavailable(reason: "no workflow engine is configured (sinks.temporal.url)"))
        #expect(try store.list().isEmpty)
    }

    @Test func anAcceptedStartIsStartedAndDelivered() throws {
        let sink = temporal(.delivered)
        let (starter, store) = try starter([sink])
        #expect(starter.start(request, deadline: clock.now().addingTimeInterval(5)) == .started(runId: nil))
        #expect(try store.list(state: "delivered").map(\.type) == [WorkflowRequest.eventType])
    }

    @Test func refusedAndUnreachableEnginesAreReported() throws {
        let (refusing, _) = try starter([temporal(.permanent(reason: "400 bad request"))])
        #expect(refusing.start(request, deadline: clock.now().addingTimeInterval(5)) == .rejected(reason: "400 bad request"))
        let (down, _) = try starter([temporal(.retry(reason: "connection refused", retryAfter: 60))])
        #expect(down.start(request, deadline: clock.now().addingTimeInterval(5)) == .unavailable(reason: "connection refused"))
    }
}
