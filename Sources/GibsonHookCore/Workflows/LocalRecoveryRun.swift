import Foundation

/// The mutable state of one local recovery: steps so far, the last report, attempts made.
struct RecoveryRun {
    let recovery: LocalRecovery
    let deadline: Date
    var report: HealthReport
    var steps: [WorkflowStep] = []
    var attempts = 0

    init(recovery: LocalRecovery, deadline: Date, report: HealthReport) {
        self.recovery = recovery
        self.deadline = deadline
        self.report = report
    }

    private var remaining: Double { deadline.timeIntervalSince(recovery.clock.now()) }

    mutating func step(
        _ name: String, ok: Bool, _ detail: String, event: GibsonEventData.EventType = .recovery,
        status: GibsonEventData.ServiceStatus = .starting
    ) {
        steps.append(WorkflowStep(name: name, ok: ok, detail: detail))
        recovery.emitter.gibson(event, status: status, step: name, metadata: ["ok": .bool(ok), "detail": .string(detail)])
    }

    mutating func backUp(_ inspector: GibsonStateInspector) -> Bool {
        guard recovery.configuration.gibson.recovery.backupState else { return false }
        do {
            let copied = try inspector.backUp(to: recovery.backupDirectory)
            step("backup", ok: true, copied ? "copied '\(inspector.directory)' to '\(recovery.backupDirectory)'" : "no gibson state at '\(inspector.directory)' to back up")
            return copied
        } catch {
            step("backup", ok: false, "could not back up '\(inspector.directory)': \(error.localizedDescription)")
            return false
        }
    }

    mutating func repairConfig(_ inspector: GibsonStateInspector) -> Bool {
        let stamp = Int64(recovery.clock.now().timeIntervalSince1970)
        let quarantine = recovery.statePaths.directory + "/gibson-quarantine/config-\(stamp)"
        do {
            try inspector.quarantineConfig(to: quarantine)
            step("repair", ok: true, "moved the corrupt '\(inspector.configFile)' to '\(quarantine)'; run 'gibson conf' to configure again")
            return true
        } catch {
            step("repair", ok: false, "could not move the corrupt '\(inspector.configFile)': \(error.localizedDescription)")
            return false
        }
    }

    mutating func verify() {
        guard remaining > 0 else { return }
        // Through HealthCheck so a recovered target is cached and the next commit passes at once.
        report = HealthCheck(runner: recovery.prober.runner, clock: recovery.clock).run(
            configuration: recovery.configuration, environment: recovery.environment, statePaths: recovery.statePaths,
            noCache: true, timeoutCap: remaining)
        step("verify", ok: report.healthy, report.summary, event: .healthCheck, status: report.healthy ? .running : .error)
    }

    /// Restarts per restartPolicy: `never` does not restart; otherwise up to maxRetries attempts with
    /// exponential backoff, then the reinstall command when one is configured.
    mutating func restartLoop(failure: ProbeFailure) {
        let gibson = recovery.configuration.gibson
        guard gibson.restartPolicy != .never else {
            step("restart", ok: false, "restartPolicy is 'never': gibson is not restarted")
            return
        }
        // Without a restart command an "attempt" would only re-run the probe that just failed (a slow gibson
        // that timed out would be waited for again and again): say so once and go on to the verdict.
        if gibson.recovery.restartCommand == nil && gibson.maxRetries > 0 {
            step("restart", ok: false, "no restart command configured (gibson.recovery.restartCommand): gibson cannot be restarted")
        } else {
            restartAttempts(failure: failure)
        }
        if !report.healthy, let reinstall = gibson.recovery.reinstallCommand, remaining > 0 {
            runCommand("reinstall", reinstall, attempt: 1, failure: failure)
            verify()
        }
    }

    /// Up to maxRetries restart attempts with exponential backoff, each followed by a re-check.
    private mutating func restartAttempts(failure: ProbeFailure) {
        let gibson = recovery.configuration.gibson
        var delay = gibson.recovery.backoff.seconds
        while attempts < gibson.maxRetries && !report.healthy && remaining > 0 {
            if attempts > 0 {
                recovery.clock.sleep(seconds: min(delay, max(0, remaining)))
                delay *= 2
            }
            attempts += 1
            runCommand("restart", gibson.recovery.restartCommand, attempt: attempts, failure: failure)
            verify()
        }
    }

    private mutating func runCommand(_ name: String, _ argv: [String]?, attempt: Int, failure: ProbeFailure) {
        guard let argv, let executable = argv.first else {
            step(name, ok: true, "attempt \(attempt): no \(name) command configured; re-checking")
            return
        }
        var environment = recovery.environment
        environment["GIBSON_HOOK_FAILURE_REASON"] = failure.rawValue
        let request = ProcessRequest(
            executable: executable, arguments: Array(argv.dropFirst()), environment: environment,
            timeout: max(0.1, min(recovery.configuration.gibson.timeout.seconds, remaining)))
        do {
            let result = try recovery.prober.runner.run(request)
            let ok = result.exitStatus == 0
            let how = result.timedOut ? "timed out" : result.exitStatus.map { "exited with status \($0)" } ?? "was killed"
            step(name, ok: ok, "attempt \(attempt): '\(argv.joined(separator: " "))' \(how)")
        } catch {
            step(name, ok: false, "attempt \(attempt): \(error)")
        }
    }

    mutating func restore(_ inspector: GibsonStateInspector, lost: Set<String>) {
        guard !lost.isEmpty else { return }
        do {
            let restored = try inspector.restoreMissing(from: recovery.backupDirectory, names: lost)
            step("restore", ok: true, "restored \(restored.count) file(s) of gibson state from '\(recovery.backupDirectory)'")
            verify()
        } catch {
            step("restore", ok: false, "could not restore gibson state: \(error.localizedDescription)")
        }
    }
}
