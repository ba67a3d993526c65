import ArgumentParser
import GibsonHookCore

/// `gibson-hook workflow start <activation|recovery|scaling>`.
struct WorkflowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workflow", abstract: "Start the Gibson workflows (remote engine first, local fallback).",
        subcommands: [WorkflowStartCommand.self])
}

extension WorkflowKind: ExpressibleByArgument {}

/// `gibson-hook workflow start <kind>`.
struct WorkflowStartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start", abstract: "Start gibson-activation-, gibson-recovery- or gibson-scaling-workflow.",
        discussion: "Starts the workflow on Temporal when it is configured; otherwise activation and recovery run locally. Scaling needs Temporal.")

    @Argument(help: "activation, recovery or scaling.")
    var kind: WorkflowKind

    @Flag(help: "Print the report as JSON.")
    var json = false

    @OptionGroup var config: ConfigOptions

    func run() throws {
        let env = CommandEnvironment.current()
        let report = try env.recordingEvents(try env.gibsonHook(config.overrides)) { try $0.startWorkflow(kind) }
        if json {
            env.json(report.json)
        } else {
            switch report.route {
            case .remote(let runId):
                env.stdout.write("started \(kind.rawValue) workflow '\(report.workflowId)' on the remote engine\(runId.map { " (run \($0))" } ?? "")\n")
            case .local(let reason):
                env.stdout.write("ran \(kind.rawValue) locally: \(reason)\n")
            }
            for step in report.steps { env.stdout.write(step.line) }
            env.stdout.write(report.succeeded ? "\(kind.rawValue) succeeded\n" : "\(kind.rawValue) failed\n")
        }
        if !report.succeeded { throw ExitCode(HookExitCode.failure) }
    }
}

extension WorkflowRunReport {
    /// The `--json` form.
    var json: JSONValue {
        var members: [String: JSONValue] = [
            "workflow": .string(kind.rawValue), "workflowId": .string(workflowId), "succeeded": .bool(succeeded),
            "steps": .array(steps.map(\.json)),
        ]
        switch route {
        case .remote(let runId):
            members["route"] = "remote"
            if let runId { members["runId"] = .string(runId) }
        case .local(let reason):
            members["route"] = "local"
            members["reason"] = .string(reason)
        }
        return .object(members)
    }
}
