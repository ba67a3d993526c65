import GibsonHookCore

/// Turns a hook run into the few lines a person sees during `git commit`: nothing when all is well,
/// the diagnosis and what to do when the gate blocks, warnings when something was not done.
struct HookReport {
    let env: CommandEnvironment

    func write(_ result: HookRunResult) {
        let style = env.errorStyle
        if let gate = result.gate {
            // Which recovery ran and, for the local fallback, why the remote engine was not used.
            let local: String? = if case .local(let reason) = gate.recovery { "  ran recovery locally: \(reason)\n" } else { nil }
            if gate.passed, gate.recovery != .none {
                env.note(style.green("gibson recovered") + " (\(gate.report.summary))")
                if let local { env.stderr.write(local) }
            } else if !gate.passed {
                env.error("gibson is unhealthy: " + gate.report.summary)
                if let local { env.stderr.write(local) }
                for step in gate.steps {
                    env.stderr.write("  \(step.ok ? "ok" : "failed") \(step.name): \(step.detail)\n")
                }
                for remedy in gate.remedies { env.hint(remedy) }
            }
        }
        if let failure = result.recordFailure {
            env.warning("the event was not stored: \(failure)")
        }
        if case .failed(let reason) = result.delivery {
            env.warning("background delivery did not start (\(reason)); the event is kept: run 'gibson-hook flush'")
        }
        for action in result.actions {
            guard let failure = action.failure else { continue }
            env.warning("action '\(action.argv.joined(separator: " "))' failed: \(failure)")
        }
    }
}
