import Foundation

/// Runs probes against the Gibson target and infrastructure endpoints.
public struct HealthProber: Sendable {
    /// Runs command and MCP probes.
    public let runner: any ProcessRunner
    /// The environment children see (git's local variables are removed by the runner).
    public let environment: ProcessEnvironment

    /// Creates a prober.
    public init(runner: any ProcessRunner, environment: ProcessEnvironment) {
        self.runner = runner
        self.environment = environment
    }

    /// Runs every probe of `configuration.gibson` against `location`, stopping at the first failure so a
    /// broken target costs one probe, not all of them. `timeoutCap` bounds each probe (the gate's budget).
    public func checkGibson(
        _ configuration: Configuration, location: GibsonLocation, now: Date, timeoutCap: Double? = nil
    ) -> HealthReport {
        var results: [ProbeResult] = []
        for spec in configuration.gibson.probes {
            var timeout = (spec.timeout ?? configuration.gibson.timeout).seconds
            if let timeoutCap { timeout = max(0.1, min(timeout, timeoutCap)) }
            let result = probe(spec, gibson: location, timeout: timeout)
            results.append(result)
            if !result.healthy { break }
        }
        var failure = results.first { !$0.healthy }?.failure
        // A crash on a corrupt config file looks like any other non-zero exit; name the real cause.
        if failure != nil, GibsonStateInspector(configuration: configuration, environment: environment).configIsCorrupt {
            failure = .badConfiguration
        }
        return HealthReport(
            executable: location.requested, resolvedPath: location.resolvedPath, probes: results, failure: failure,
            fromCache: false, checkedAt: now)
    }

    /// Runs one probe.
    public func probe(_ spec: ProbeSpec, gibson: GibsonLocation, timeout: Double) -> ProbeResult {
        let started = Date()
        var result: ProbeResult
        switch spec.kind {
        case .command, .mcp:
            let executable = spec.executable ?? gibson.resolvedPath
            if let executable, ExecutableLocator.resolve(executable, path: environment["PATH"]) != nil {
                result = spec.kind == .command
                    ? commandProbe(spec, executable: executable, timeout: timeout)
                    : MCPProbe(runner: runner, environment: environment).run(spec, executable: executable, timeout: timeout)
            } else {
                let name = spec.executable ?? gibson.requested
                result = ProbeResult(
                    name: spec.name, kind: spec.kind, failure: .missingExecutable,
                    detail: "'\(name)' not found on PATH: install gibson-cli or set GIBSON_HOOK_GIBSON", latencyMs: 0)
            }
        case .tcp:
            result = NetworkProbe.tcp(name: spec.name, host: spec.host ?? "127.0.0.1", port: spec.port ?? 0, timeout: timeout)
        case .http:
            result = NetworkProbe.http(name: spec.name, url: spec.url ?? "", expectStatus: spec.expectStatus, timeout: timeout)
        }
        result.latencyMs = Int(Date().timeIntervalSince(started) * 1000)
        return result
    }

    private func commandProbe(_ spec: ProbeSpec, executable: String, timeout: Double) -> ProbeResult {
        let request = ProcessRequest(executable: executable, arguments: spec.argv, environment: environment, timeout: timeout)
        let shown = ([URL(fileURLWithPath: executable).lastPathComponent] + spec.argv).joined(separator: " ")
        func result(_ failure: ProbeFailure?, _ detail: String) -> ProbeResult {
            ProbeResult(name: spec.name, kind: .command, failure: failure, detail: detail, latencyMs: 0)
        }
        let outcome: ProcessResult
        do { outcome = try runner.run(request) } catch {
            return result(.missingExecutable, "\(error)")
        }
        if outcome.timedOut {
            return result(.timeout, "'\(shown)' did not finish within \(DurationValue(seconds: timeout)); its process group was killed")
        }
        guard let status = outcome.exitStatus, spec.exitCodes.contains(status) else {
            let how = outcome.exitStatus.map { "exited with status \($0)" } ?? "was killed by a signal"
            return result(.nonZeroExit, "'\(shown)' \(how)\(lastLine(outcome.errorText).map { ": \($0)" } ?? "")")
        }
        if let expected = spec.expectOutput, !(outcome.outputText + outcome.errorText).contains(expected) {
            return result(.unexpectedOutput, "'\(shown)' output does not contain '\(expected)'")
        }
        return result(nil, "'\(shown)' exited with status \(status)")
    }
}

/// The last non-empty line of `text`, trimmed and shortened, for one-line diagnoses.
func lastLine(_ text: String) -> String? {
    guard let line = text.split(whereSeparator: \.isNewline).last(where: { !$0.allSatisfy(\.isWhitespace) }) else {
        return nil
    }
    let trimmed = String(line).trimmingCharactersInWhitespace()
    return trimmed.count > 200 ? String(trimmed.prefix(200)) + "…" : trimmed
}
