import GibsonHookCore

/// The one place that decides whether output is coloured: only on a terminal, never with `NO_COLOR`,
/// always with `CLICOLOR_FORCE` (set and not "0").
struct TerminalStyle {
    let colour: Bool

    init(stream: StandardStream, environment: ProcessEnvironment) {
        if let force = environment["CLICOLOR_FORCE"], !force.isEmpty, force != "0" {
            colour = true
        } else if environment["NO_COLOR"] != nil {
            colour = false
        } else {
            colour = stream.isTerminal && environment["TERM"] != "dumb"
        }
    }

    func red(_ text: String) -> String { paint(text, "31") }
    func green(_ text: String) -> String { paint(text, "32") }
    func yellow(_ text: String) -> String { paint(text, "33") }
    func dim(_ text: String) -> String { paint(text, "2") }

    private func paint(_ text: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
