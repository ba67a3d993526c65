import Foundation

/// The launchd property lists `gibson-hook service install` writes on macOS (or with `--launchd`): the
/// same two jobs as the systemd units. `ai.gibson.hook.infra-ready` runs `infra-ready --wait 300` once at load;
/// `ai.gibson.hook.watch` runs `health --watch`, kept alive per `gibson.restartPolicy` (`always`: restarted
/// after every exit; `on-failure`: after an exit with a non-zero status or a signal; `never`: not restarted),
/// at most once per `ThrottleInterval` (launchd's own floor is 10 s). launchd has no start limit, so
/// `gibson.maxRetries` bounds recovery inside the watch, not restarts of the watch.
public struct LaunchdJobs: Sendable, Equatable {
    /// The job labels, also the file names without `.plist`.
    public static let labels = ["ai.gibson.hook.infra-ready", "ai.gibson.hook.watch"]
    /// The file names install always writes.
    public static let names = labels.map { $0 + ".plist" }
    /// The job that runs `listen`, written when a `listen` source is configured.
    public static let listenLabel = "ai.gibson.hook.listen"
    /// Every property list install may write: what uninstall and status look for.
    public static let allNames = names + [listenLabel + ".plist"]

    /// The files to write.
    public var files: [ServiceFile]

    /// The jobs for `binary` under `configuration`, with `environment` (name → value) in each and their
    /// output in `logDirectory`.
    public init(binary: String, configuration: Configuration, environment: [(String, String)], logDirectory: String) {
        let gibson = configuration.gibson
        let keepAlive: String
        switch gibson.restartPolicy {
        case .always: keepAlive = "<true/>"
        case .onFailure: keepAlive = "<dict>\n\t\t<key>SuccessfulExit</key>\n\t\t<false/>\n\t</dict>"
        case .never: keepAlive = "<false/>"
        }
        let throttle = max(10, Int(gibson.recovery.backoff.seconds.rounded(.up)))
        let infra = Self.plist(
            label: Self.labels[0], arguments: [binary, "infra-ready", "--wait", String(ServiceUnits.infraWait)], environment: environment,
            log: logDirectory + "/launchd-infra-ready.log", extra: "\t<key>KeepAlive</key>\n\t<false/>\n")
        let watch = Self.plist(
            label: Self.labels[1], arguments: [binary, "health", "--watch"], environment: environment,
            log: logDirectory + "/launchd-watch.log",
            extra: "\t<key>KeepAlive</key>\n\t\(keepAlive)\n\t<key>ThrottleInterval</key>\n\t<integer>\(throttle)</integer>\n")
        files = [ServiceFile(name: Self.names[0], text: infra), ServiceFile(name: Self.names[1], text: watch)]
        guard configuration.listen.hasSource else { return }
        // Restarted after a failing exit only: `listen` exits 0 when it is stopped.
        let listen = Self.plist(
            label: Self.listenLabel, arguments: [binary, "listen"], environment: environment,
            log: logDirectory + "/launchd-listen.log",
            extra: "\t<key>KeepAlive</key>\n\t<dict>\n\t\t<key>SuccessfulExit</key>\n\t\t<false/>\n\t</dict>\n"
                + "\t<key>ThrottleInterval</key>\n\t<integer>\(throttle)</integer>\n")
        files.append(ServiceFile(name: Self.listenLabel + ".plist", text: listen))
    }

    private static func plist(label: String, arguments: [String], environment: [(String, String)], log: String, extra: String) -> String {
        let argumentLines = arguments.map { "\t\t<string>\(escape($0))</string>\n" }.joined()
        let environmentLines = environment.map { "\t\t<key>\(escape($0.0))</key>\n\t\t<string>\(escape($0.1))</string>\n" }.joined()
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- \(ServiceUnits.markerText) -->
            <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
            <plist version="1.0">
            <dict>
            \t<key>Label</key>
            \t<string>\(escape(label))</string>
            \t<key>ProgramArguments</key>
            \t<array>
            \(argumentLines)\t</array>
            \t<key>EnvironmentVariables</key>
            \t<dict>
            \(environmentLines)\t</dict>
            \t<key>RunAtLoad</key>
            \t<true/>
            \(extra)\t<key>ProcessType</key>
            \t<string>Background</string>
            \t<key>StandardOutPath</key>
            \t<string>\(escape(log))</string>
            \t<key>StandardErrorPath</key>
            \t<string>\(escape(log))</string>
            </dict>
            </plist>

            """
    }

    /// Text escaped for an XML element.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(character)
            }
        }
        return out
    }
}
