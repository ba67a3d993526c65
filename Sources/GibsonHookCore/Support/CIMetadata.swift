/// The CI system a command runs in, carried in events as `data.metadata.ci`.
public struct CIMetadata: Sendable, Equatable {
    /// `github-actions`, `gitlab-ci`, or `generic` (only `CI=true`).
    public var provider: String
    /// The run id, when the provider has one.
    public var runId: String?
    /// A link to the job or run, when the provider says where it is.
    public var jobURL: String?

    /// Creates metadata.
    public init(provider: String, runId: String? = nil, jobURL: String? = nil) {
        self.provider = provider
        self.runId = runId
        self.jobURL = jobURL
    }

    /// The CI system described by `environment`, or nil outside CI.
    public static func detect(_ environment: ProcessEnvironment) -> CIMetadata? {
        if environment["GITHUB_ACTIONS"] == "true" {
            let runId = environment.nonEmpty("GITHUB_RUN_ID")
            var url: String? = nil
            if let runId, let repository = environment.nonEmpty("GITHUB_REPOSITORY") {
                url = (environment.nonEmpty("GITHUB_SERVER_URL") ?? "https://github.com") + "/\(repository)/actions/runs/\(runId)"
            }
            return CIMetadata(provider: "github-actions", runId: runId, jobURL: url)
        }
        if environment["GITLAB_CI"] == "true" {
            return CIMetadata(
                provider: "gitlab-ci", runId: environment.nonEmpty("CI_PIPELINE_ID") ?? environment.nonEmpty("CI_JOB_ID"),
                jobURL: environment.nonEmpty("CI_JOB_URL"))
        }
        if isSet(environment["CI"]) { return CIMetadata(provider: "generic") }
        return nil
    }

    /// True when prompts must not be shown: inside CI.
    public static func isNonInteractive(_ environment: ProcessEnvironment) -> Bool {
        isSet(environment["CI"]) || detect(environment) != nil
    }

    private static func isSet(_ value: String?) -> Bool {
        guard let value, !value.isEmpty else { return false }
        return !["0", "false", "no"].contains(value.lowercased())
    }

    /// The JSON form in event metadata.
    public var json: JSONValue {
        var members: [String: JSONValue] = ["provider": .string(provider)]
        if let runId { members["runId"] = .string(runId) }
        if let jobURL { members["jobUrl"] = .string(jobURL) }
        return .object(members)
    }
}
