import ArgumentParser
import GibsonHookCore

/// The root command: `gibson-hook <subcommand>`.
public struct GibsonHookCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "gibson-hook",
        abstract: "Keep the Gibson CLI healthy and stream repository events, from git hooks, CI and the shell.",
        discussion: """
            With no server and no configuration gibson-hook works on embedded defaults: events wait in a \
            durable local outbox and recovery runs locally. Configure a Kafka REST proxy, a CloudEvents sink \
            or a Temporal HTTP API to reach the real engines. Set GIBSON_HOOK=0 to skip every hook.
            """,
        version: GibsonHookVersion.current,
        subcommands: [
            // One line per subcommand, in the order `--help` lists them.
            InstallCommand.self,
            UninstallCommand.self,
            StatusCommand.self,
            PreCommitCommand.self,
            PostCommitCommand.self,
            PrePushCommand.self,
            PostMergeCommand.self,
            PostCheckoutCommand.self,
            PostRewriteCommand.self,
            ContextCommand.self,
            ConfigCommand.self,
            EmitCommand.self,
            FlushCommand.self,
            TopicsCommand.self,
            OutboxCommand.self,
            HealthCommand.self,
            ValidateCommand.self,
            InfraReadyCommand.self,
            WorkflowCommand.self,
            MetricsCommand.self,
            StateCommand.self,
            ServiceCommand.self,
            ListenCommand.self,
        ]
    )

    public init() {}
}
