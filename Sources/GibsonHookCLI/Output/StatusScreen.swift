import Foundation
import GibsonHookCore

/// The human form of `StatusReport`: Gibson, recent history, outbox and sinks, hooks, service.
struct StatusScreen {
    let report: StatusReport
    let style: TerminalStyle

    var text: String { (gibson + recent + outbox + listen + hooks + service).map { $0 + "\n" }.joined() }

    /// What `listen` received and fired; nothing when it has no source and never received an event.
    private var listen: [String] {
        guard let listen = report.listen else { return [] }
        let pairs: ([(String, Int)]) -> String = { $0.isEmpty ? "none" : $0.map { "\($0.0) \($0.1)" }.joined(separator: ", ") }
        var lines = ["listen: " + (listen.sources.isEmpty ? "no source configured" : listen.sources.joined(separator: ", "))]
        lines.append("  received: " + pairs(listen.received.map { ($0.origin, $0.count) }))
        lines.append("  triggers fired: " + pairs(listen.fired.map { ($0.effect, $0.count) }))
        if !listen.queued.isEmpty { lines.append("  waiting: " + pairs(listen.queued.map { ($0.source, $0.value) })) }
        for cursor in listen.cursorAge {
            lines.append("  \(cursor.source) cursor: \(DurationValue.seconds(cursor.seconds.rounded())) old")
        }
        return lines
    }

    private func time(_ date: Date?) -> String { date.map { EventStamp.rfc3339($0) } ?? "none" }

    private var gibson: [String] {
        let status = report.gibson
        let health: String
        switch status.health {
        case "healthy": health = style.green("healthy")
        case "unhealthy": health = style.red("unhealthy")
        default: health = style.yellow("unknown")
        }
        let gate: String
        if let cached = status.cachedHealthyAt {
            gate = status.cacheFresh
                ? "  pre-commit: trusts the healthy check of \(time(cached)) until \(time(status.cachedUntil))"
                : "  pre-commit: the healthy check of \(time(cached)) has expired; the next commit checks again"
        } else {
            gate = "  pre-commit: no healthy check cached; the next commit probes Gibson"
        }
        guard let check = status.lastCheck else {
            return ["gibson: \(health) (no check recorded yet; run gibson-hook health)", gate]
        }
        let recoveries = "recoveries: \(status.remoteRecoveries) remote, \(status.localRecoveries) local (\(status.localRecovered) recovered)"
        return [
            "gibson: \(health) (last check \(time(check.time)) by \(check.step): \(check.detail))",
            "  incidents: \(status.incidents), \(recoveries)", gate,
        ]
    }

    private var recent: [String] {
        guard !report.gibson.recent.isEmpty else { return [] }
        return ["recent:"] + report.gibson.recent.map { entry in
            let step = entry.step + (entry.route.map { " (\($0))" } ?? "")
            let ok = entry.ok.map { $0 ? "ok: " : style.red("failed") + ": " } ?? ""
            return "  \(time(entry.time)) \(pad(entry.eventType, 12)) \(pad(entry.serviceStatus, 8)) \(pad(step, 22)) \(ok)\(entry.detail)"
        }
    }

    private var outbox: [String] {
        guard report.outboxExists else { return ["outbox: \(report.outboxPath) (not created yet: nothing recorded)"] }
        let dead = report.dead > 0 ? style.red("\(report.dead)") : "0"
        var lines = [
            "outbox: \(report.outboxPath)",
            "  pending: \(report.pending) (oldest \(time(report.oldestPending))), dead letters: \(dead)",
        ]
        if report.sinks.isEmpty { lines.append("  no sink configured: \(report.unassigned) events wait in the outbox") }
        for sink in report.sinks {
            var line = "  \(pad(sink.name, 12)) pending \(sink.pending), delivered \(sink.delivered), dead \(sink.dead)"
            if let breaker = sink.breaker {
                let shown = breaker == "open" ? style.red("open") + " until \(time(sink.breakerOpenUntil))"
                    : breaker == "half-open" ? style.yellow(breaker) : breaker
                line += ", breaker \(shown)"
            } else {
                line += " (" + style.dim("no longer configured") + ")"
            }
            line += ", last delivery \(time(sink.lastDelivered))"
            lines.append(line)
            if let error = sink.lastError, sink.pending + sink.dead > 0 { lines.append("    last error: \(error)") }
        }
        return lines
    }

    private var hooks: [String] {
        guard let wiring = report.hooks else { return ["hooks: not inside a git repository"] }
        return Self.hooks(wiring, style: style)
    }

    /// The wiring lines (also shown alone when the configuration cannot be loaded).
    static func hooks(_ wiring: HookWiring.StatusReport, style: TerminalStyle) -> [String] {
        let source = wiring.location.source == .coreHooksPath ? " (core.hooksPath)" : ""
        return ["hooks directory: \(wiring.location.directory)\(source)"] + wiring.hooks.map { status in
            var line: String
            switch status.state {
            case .absent: line = style.dim("not wired")
            case .foreign: line = style.yellow("not wired") + " (another hook is there; run gibson-hook install to chain it)"
            case .shim:
                line = status.current ? style.green("wired") : style.yellow("wired, stale") + " (run gibson-hook install)"
                line += " → \(status.binary ?? "?")"
                if !status.binaryExists { line += " " + style.red("(missing)") }
            }
            if let chained = status.chained, status.state == .shim { line += ", chains \(chained)" }
            return Self.pad(status.hook.rawValue, 14) + line
        }
    }

    private var service: [String] {
        let head = report.service.systemd ? "service (systemd, user units):"
            : "service: systemd is not running here (a container or CI?): no service state to read"
        return [head] + report.service.units.map { unit in
            "  \(unit.name): \(unit.installed ? "installed" : "not installed")" + (unit.active.map { ", \($0)" } ?? "")
        }
    }

    private func pad(_ text: String, _ width: Int) -> String { Self.pad(text, width) }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
