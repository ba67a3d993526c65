/// The version of gibson-hook, printed by `gibson-hook --version` and carried in events.
public enum GibsonHookVersion {
    /// Semantic version of this build.
    public static let current = "0.1.0"
}
