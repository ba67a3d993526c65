import Foundation

/// Turns a configuration file's bytes into text, or says at which line and column they stop being YAML
/// text: invalid UTF-8, or a character YAML does not allow (NUL and the other control characters but tab,
/// line feed and carriage return). libyaml reports those without a position.
enum ConfigTextCheck {
    /// The text of `data`, or the diagnostic for its first bad byte or character.
    static func text(of data: Data, path: String) -> Result<String, ConfigDiagnostic> {
        var position = Position()
        var iterator = data.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                guard isPrintable(scalar) else {
                    let code = "U+" + String(format: "%04X", scalar.value)
                    return .failure(diagnostic(
                        "configuration file '\(path)' contains the control character \(code) here, which YAML does "
                            + "not allow: remove it (a tab, line feed or carriage return is fine)", path, position))
                }
                position.advance(past: scalar)
            case .emptyInput:
                return .success(String(decoding: data, as: UTF8.self))
            case .error:
                return .failure(diagnostic(
                    "configuration file '\(path)' is not UTF-8 text: the bytes here are not valid UTF-8; "
                        + "save the file as UTF-8", path, position))
            }
        }
    }

    /// The 1-based line and column of the character holding byte `offset` of `data` (for the size limit).
    static func position(ofByte offset: Int, in data: Data) -> (line: Int, column: Int) {
        var position = Position()
        let prefix = data.prefix(offset)
        for scalar in String(decoding: prefix, as: UTF8.self).unicodeScalars { position.advance(past: scalar) }
        return (position.line, position.column)
    }

    /// YAML 1.2's printable set (c-printable): tab, LF, CR, x20-x7E, NEL, xA0-xD7FF, xE000-xFFFD and above.
    private static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D, 0x20...0x7E, 0x85, 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    private static func diagnostic(_ message: String, _ path: String, _ position: Position) -> ConfigDiagnostic {
        ConfigDiagnostic(.error, message, origin: .file(path: path, line: position.line, column: position.column))
    }

    /// Line and column as libyaml counts them: characters, a line break being LF, CR or CR LF.
    private struct Position {
        var line = 1
        var column = 1
        private var afterCarriageReturn = false

        mutating func advance(past scalar: Unicode.Scalar) {
            defer { afterCarriageReturn = scalar == "\r" }
            if scalar == "\n" && afterCarriageReturn { return }
            if scalar == "\n" || scalar == "\r" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
    }
}
