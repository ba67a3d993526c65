/// What the health gate and the workflow use cases talk to: the clock, the process runner, the remote
/// `WorkflowStarter` and the outbox as `EventRecorder` (both may be nil: local steps only, no events).
struct RecoveryCollaborators {
    let clock: any WallClock
    let runner: any ProcessRunner
    let starter: (any WorkflowStarter)?
    let recorder: (any EventRecorder)?
}
