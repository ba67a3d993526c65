import Foundation
import Testing

@Suite struct ConcurrentEmitTests {
    @Test func twoProcessesEmittingAtOnceLoseNothing() throws {
        let repo = try TemporaryGitRepository()
        let inputs = ["a", "b"].map { prefix in
            Data((0..<3000).map { "{\"type\":\"project.updated\",\"key\":\"\(prefix)\",\"data\":{\"n\":\($0)}}\n" }.joined().utf8)
        }
        let root = repo.root
        let environment = repo.environment
        nonisolated(unsafe) var results: [CommandResult?] = [nil, nil]
        let group = DispatchGroup()
        for (index, input) in inputs.enumerated() {
            group.enter()
            DispatchQueue.global().async {
                results[index] = try? BinaryRunner.run(["emit", "--ndjson"], in: root, environment: environment, stdin: input)
                group.leave()
            }
        }
        group.wait()
        let ids = results.compactMap { $0 }.flatMap { $0.stdout.split(separator: "\n") }
        #expect(results.allSatisfy { $0?.status == 0 })
        #expect(ids.count == 6000 && Set(ids).count == 6000)
        let list = try repo.gibsonHook(["outbox", "list", "--limit", "10000", "--json"])
        let rows = try JSONSerialization.jsonObject(with: list.stdoutData) as? [[String: Any]]
        #expect(rows?.count == 6000)
    }
}
