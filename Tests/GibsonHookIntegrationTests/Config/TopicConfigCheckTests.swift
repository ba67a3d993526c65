import Foundation
import Testing
@testable import GibsonHookCore

/// `config check` refuses topics Kafka would refuse: names, config names, retention.
@Suite struct TopicConfigCheckTests {
    @Test func badTopicNamesConfigNamesAndRetentionsAreErrorsWithTheirPlace() throws {
        let sandbox = try TemporaryGitRepository()
        try sandbox.write(".gibson-hook.yml", """
            topics:
              "bad name/..":
                retention: 0s
                configs:
                  "": x
                  retention.ms: "-5"
              "..":
                partitions: 1
              \(String(repeating: "t", count: 250)): {}
              ok-topic_1.v2:
                retention: 1d
                configs:
                  retention.ms: "-1"

            """)
        let file = sandbox.root.appendingPathComponent(".gibson-hook.yml").path
        let result = try sandbox.gibsonHook(["config", "check"])
        #expect(result.status == HookExitCode.failure.rawValue)
        #expect(result.stdout == "6 errors, 0 warnings\n")
        #expect(result.stderr.split(separator: "\n").map(String.init) == [
            "\(file):2:3: error: invalid name 'bad name/..' in 'topics': Kafka topic names have only letters, digits, '.', '_' and '-', not ' ', '/'",
            "\(file):3:16: error: invalid value '0s' for 'topics.bad name/...retention': expected a duration longer than 0 such as 30s, 1h or 7d",
            "\(file):5:7: error: invalid name '' in 'topics.bad name/...configs': a topic config needs a name",
            "\(file):7:3: error: invalid name '..' in 'topics': Kafka does not allow the topic names '.' and '..'",
            "\(file):9:3: error: invalid name '\(String(repeating: "t", count: 100))…' in 'topics': Kafka topic names have at most 249 characters, this has 250",
            "\(file):6:21: error: invalid value '-5' for 'topics.bad name/...configs.retention.ms': expected a whole number of milliseconds greater than 0, or -1 for no limit",
        ])
    }
}
