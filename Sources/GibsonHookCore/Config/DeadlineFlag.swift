/// The `--deadline` flag of `flush` and `emit --wait`: a positive duration.
public enum DeadlineFlag {
    /// The seconds `text` stands for, or nil when it is not a duration longer than zero.
    public static func seconds(_ text: String) -> Double? {
        guard let value = DurationValue(parsing: text), value.seconds > 0 else { return nil }
        return value.seconds
    }

    /// What to say about a value `seconds` refuses (`-5s`, `0s`, `5 minutes`).
    public static func problem(_ text: String) -> String {
        "--deadline must be a positive duration like 20s, got '\(ConfigQuote.text(text))'"
    }
}
