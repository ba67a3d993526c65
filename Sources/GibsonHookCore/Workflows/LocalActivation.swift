import Foundation

/// The local fallback of gibson-activation-workflow: Gibson health → load Gibson's config → credentials
/// present → MCP server answers. Each step emits an activation GibsonEvent.
public struct LocalActivation {
    let configuration: Configuration
    let environment: ProcessEnvironment
    let statePaths: StatePaths
    let clock: any WallClock
    let runner: any ProcessRunner
    let emitter: GibsonEventEmitter

    /// Creates the activation activities.
    public init(
        configuration: Configuration, environment: ProcessEnvironment, statePaths: StatePaths, clock: any WallClock,
        runner: any ProcessRunner, emitter: GibsonEventEmitter
    ) {
        self.configuration = configuration
        self.environment = environment
        self.statePaths = statePaths
        self.clock = clock
        self.runner = runner
        self.emitter = emitter
    }

    /// Runs the steps in order, stopping at the first that fails.
    public func run() -> [WorkflowStep] {
        var steps: [WorkflowStep] = []
        func record(_ name: String, _ ok: Bool, _ detail: String) -> Bool {
            steps.append(WorkflowStep(name: name, ok: ok, detail: detail))
            emitter.gibson(.activation, status: ok ? .starting : .error, step: name, metadata: ["ok": .bool(ok), "detail": .string(detail)])
            return ok
        }
        let health = HealthCheck(runner: runner, clock: clock).run(
            configuration: configuration, environment: environment, statePaths: statePaths, noCache: false)
        guard record("health", health.healthy, health.summary) else { return steps }
        let inspector = GibsonStateInspector(configuration: configuration, environment: environment)
        guard record("config", !inspector.configIsCorrupt, inspector.configIsCorrupt
            ? "'\(inspector.configFile)' is not valid JSON: fix it or run 'gibson-hook workflow start recovery'"
            : "gibson config at '\(inspector.directory)' is readable") else { return steps }
        guard record("credentials", inspector.credentialsPresent, inspector.credentialsPresent
            ? "an API key is present"
            : "no API key: set \(configuration.gibson.apiKeyEnv) or run 'gibson auth login'") else { return steps }
        let spec = ProbeSpec(name: "mcp", kind: .mcp, argv: ["mcp", "run"], timeout: configuration.gibson.timeout)
        let mcp = HealthProber(runner: runner, environment: environment).probe(
            spec, gibson: GibsonLocation(configuration: configuration, environment: environment),
            timeout: configuration.gibson.timeout.seconds)
        guard record("mcp", mcp.healthy, mcp.detail) else { return steps }
        emitter.gibson(.activation, status: .running, step: "complete")
        return steps
    }
}
