import Foundation

/// The local fallback of gibson-activation-workflow: Gibson health → load Gibson's config → credentials
/// present → MCP server answers. Each step emits an activation GibsonEvent.
public struct LocalActivation {
    let context: LocalWorkflowContext

    /// The activation activities, run with `context`.
    init(_ context: LocalWorkflowContext) { self.context = context }

    /// Runs the steps in order, stopping at the first that fails.
    public func run() -> [WorkflowStep] {
        var steps: [WorkflowStep] = []
        func record(_ name: String, _ ok: Bool, _ detail: String) -> Bool {
            steps.append(WorkflowStep(name: name, ok: ok, detail: detail))
            context.emitter.gibson(.activation, status: ok ? .starting : .error, step: name, metadata: ["ok": .bool(ok), "detail": .string(detail)])
            return ok
        }
        let health = HealthCheck(runner: context.runner, clock: context.clock).run(
            configuration: context.configuration, environment: context.environment, statePaths: context.statePaths, noCache: false)
        guard record("health", health.healthy, health.summary) else { return steps }
        let inspector = GibsonStateInspector(configuration: context.configuration, environment: context.environment)
        guard record("config", !inspector.configIsCorrupt, inspector.configIsCorrupt
            ? "'\(inspector.configFile)' is not valid JSON: fix it or run 'gibson-hook workflow start recovery'"
            : "gibson config at '\(inspector.directory)' is readable") else { return steps }
        guard record("credentials", inspector.credentialsPresent, inspector.credentialsPresent
            ? "an API key is present"
            : "no API key: set \(context.configuration.gibson.apiKeyEnv) or run 'gibson auth login'") else { return steps }
        let spec = ProbeSpec(name: "mcp", kind: .mcp, argv: ["mcp", "run"], timeout: context.configuration.gibson.timeout)
        let mcp = HealthProber(runner: context.runner, environment: context.environment).probe(
            spec, gibson: GibsonLocation(configuration: context.configuration, environment: context.environment),
            timeout: context.configuration.gibson.timeout.seconds)
        guard record("mcp", mcp.healthy, mcp.detail) else { return steps }
        context.emitter.gibson(.activation, status: .running, step: "complete")
        return steps
    }
}
