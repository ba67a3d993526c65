import GibsonHookCore

/// Turns a hook run into the few lines a person sees during `git commit`: nothing when all is well,
/// the diagnosis and what to do when the gate blocks, warnings when something was not done.
struct HookReport {
    let env: CommandEnvironment
    let hook: HookName

    func write(_ result: HookRunResult) {
        let style = env.errorStyle
        let prefix = "gibson-hook \(hook.rawValue): "
        if let gate = result.gate {
            // Which recovery ran and, for the local fallback, why the remote engine was not used.
            let local: String? = if case .local(let reason) = gate.recovery { "  ran recovery locally: \(reason)\n" } else { nil }
            if gate.passed, gate.recovery != .none {
                env.stderr.write(prefix + style.green("gibson recovered") + " (\(gate.report.summary))\n")
                if let local { env.stderr.write(local) }
            } else if !gate.passed {
                env.stderr.write(prefix + style.red("gibson is unhealthy: ") + gate.report.summary + "\n")
                if let local { env.stderr.write(local) }
                for step in gate.steps {
                    env.stderr.write("  \(step.ok ? "ok" : "failed") \(step.name): \(step.detail)\n")
                }
                for remedy in gate.remedies { env.stderr.write("  → \(remedy)\n") }
            }
        }
        if let failure = result.recordFailure {
            env.stderr.write(prefix + style.yellow("warning: ") + "the event was not stored: \(failure)\n")
        }
        if case .failed(let reason) = result.delivery {
            env.stderr.write(prefix + style.yellow("warning: ") + "background delivery did not start (\(reason)); "
                + "the event is kept: run 'gibson-hook flush'\n")
        }
        for action in result.actions {
            guard let failure = action.failure else { continue }
            env.stderr.write(prefix + style.yellow("warning: ") + "action '\(action.argv.joined(separator: " "))' failed: \(failure)\n")
        }
    }
}
