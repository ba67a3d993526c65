import Testing
@testable import GibsonHookCore

@Suite struct CIMetadataTests {
    @Test func githubActionsGivesTheRunURL() {
        let ci = CIMetadata.detect(ProcessEnvironment([
            "CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_SERVER_URL": "https://github.com",
            "GITHUB_REPOSITORY": "acme/widgets", "GITHUB_RUN_ID": "42",
        ]))
        #expect(ci == CIMetadata(provider: "github-actions", runId: "42", jobURL: "https://github.com/acme/widgets/actions/runs/42"))
    }

    @Test func gitlabAndGenericCI() {
        let gitlab = CIMetadata.detect(ProcessEnvironment(["GITLAB_CI": "true", "CI_PIPELINE_ID": "7", "CI_JOB_URL": "https://gitlab.example/j/1"]))
        #expect(gitlab == CIMetadata(provider: "gitlab-ci", runId: "7", jobURL: "https://gitlab.example/j/1"))
        #expect(CIMetadata.detect(ProcessEnvironment(["CI": "true"]))?.provider == "generic")
        #expect(CIMetadata.detect(ProcessEnvironment(["CI": "false"])) == nil)
        #expect(CIMetadata.isNonInteractive(ProcessEnvironment(["CI": "1"])))
        #expect(!CIMetadata.isNonInteractive(ProcessEnvironment([:])))
    }

    @Test func eventsCarryTheCIMetadata() {
        let recorder = FakeRecorder()
        let emitter = GibsonEventEmitter(
            recorder: recorder, configuration: Configuration(), environment: ProcessEnvironment(["CI": "true"]), clock: FakeClock())
        emitter.gibson(.healthCheck, status: .running, step: "verify")
        #expect(recorder.events[0].event.data?["metadata"]?["ci"]?["provider"] == "generic")
        #expect(recorder.events[0].event.type == "ai.gibson.hook.gibson.health-check")
        #expect(recorder.events[0].event.time == "2027-01-15T08:00:00.000Z")
    }
}
