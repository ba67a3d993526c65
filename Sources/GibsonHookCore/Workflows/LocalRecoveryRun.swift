import Foundation

/// The mutable state of one local recovery: steps so far, the last report, attempts made.
struct RecoveryRun {
    let recovery: LocalRecovery
    let deadline: Date
    var report: HealthReport
    var steps: [WorkflowStep] = []
    var attempts = 0
    /// The copy of Gibson's state this run took (a `state backup` tree), for the restore step.
    var backupTree: String?

    init(recovery: LocalRecovery, deadline: Date, report: HealthReport) {
        self.recovery = recovery
        self.deadline = deadline
        self.report = report
    }

    private var remaining: Double { deadline.timeIntervalSince(recovery.context.clock.now()) }

    mutating func step(
        _ name: String, ok: Bool, _ detail: String, event: GibsonEventData.EventType = .recovery,
        status: GibsonEventData.ServiceStatus = .starting
    ) {
        steps.append(WorkflowStep(name: name, ok: ok, detail: detail))
        recovery.context.emitter.gibson(event, status: status, step: name, metadata: ["ok": .bool(ok), "detail": .string(detail)])
    }

    /// Backs Gibson's state up into the `state backup` store (listed and restorable with `gibson-hook state`),
    /// keeping what `gibson.backups` says.
    mutating func backUp(_ inspector: GibsonStateInspector) -> Bool {
        guard recovery.context.configuration.gibson.recovery.backupState else { return false }
        let store = StateBackupStore(directory: recovery.backupDirectory, stateDirectory: inspector.directory, clock: recovery.context.clock)
        do {
            let (backup, _, _) = try store.backup(keeping: recovery.context.configuration.gibson.backups)
            backupTree = store.directory + "/" + backup.id + "/tree"
            step("backup", ok: true, "backed up '\(inspector.directory)' as state backup '\(backup.id)' in '\(store.directory)'")
            return true
        } catch StateBackupError.noStateDirectory {
            step("backup", ok: true, "no gibson state at '\(inspector.directory)' to back up")
            return false
        } catch {
            step("backup", ok: false, "could not back up '\(inspector.directory)': \(error)")
            return false
        }
    }

    mutating func repairConfig(_ inspector: GibsonStateInspector) -> Bool {
        let stamp = Int64(recovery.context.clock.now().timeIntervalSince1970)
        let quarantine = recovery.context.statePaths.directory + "/gibson-quarantine/config-\(stamp)"
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
        report = HealthCheck(runner: recovery.prober.runner, clock: recovery.context.clock).run(
            configuration: recovery.context.configuration, environment: recovery.context.environment, statePaths: recovery.context.statePaths,
            noCache: true, timeoutCap: remaining)
        step("verify", ok: report.healthy, report.summary, event: .healthCheck, status: report.healthy ? .running : .error)
    }

    /// Restarts per restartPolicy: `never` does not restart; otherwise up to maxRetries attempts with
    /// exponential backoff, then the reinstall command when one is configured.
    mutating func restartLoop(failure: ProbeFailure) {
        let gibson = recovery.context.configuration.gibson
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
        let gibson = recovery.context.configuration.gibson
        var delay = gibson.recovery.backoff.seconds
        while attempts < gibson.maxRetries && !report.healthy && remaining > 0 {
            if attempts > 0 {
                recovery.context.clock.sleep(seconds: min(delay, max(0, remaining)))
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
        var environment = recovery.context.environment
        environment["GIBSON_HOOK_FAILURE_REASON"] = failure.rawValue
        let request = ProcessRequest(
            executable: executable, arguments: Array(argv.dropFirst()), environment: environment,
            timeout: max(0.1, min(recovery.context.configuration.gibson.timeout.seconds, remaining)))
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
        guard !lost.isEmpty, let backupTree else { return }
        do {
            let restored = try inspector.restoreMissing(from: backupTree, names: lost)
            step("restore", ok: true, "restored \(restored.count) file(s) of gibson state from '\(backupTree)'")
            verify()
        } catch {
            step("restore", ok: false, "could not restore gibson state: \(error.localizedDescription)")
        }
    }
}
