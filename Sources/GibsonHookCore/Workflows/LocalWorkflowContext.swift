/// What the local fallbacks of the workflows (`LocalActivation`, `LocalRecovery`) run with: the
/// configuration, the process's environment and state paths, the clock, the process runner, and the emitter
/// of their GibsonEvents.
struct LocalWorkflowContext {
    let configuration: Configuration
    let environment: ProcessEnvironment
    let statePaths: StatePaths
    let clock: any WallClock
    let runner: any ProcessRunner
    let emitter: GibsonEventEmitter
}
