import Foundation

/// Runs `hooks.postCommitActions`: argv lists, no shell, git's local variables removed. A failure is
/// reported, never fatal: the commit has already happened.
struct PostCommitActions {
    let runner: ProcessRunner
    /// Upper bound on each action.
    let timeout: Double

    func run(_ actions: [[String]], environment: ProcessEnvironment) -> [PostCommitActionResult] {
        actions.filter { !$0.isEmpty }.map { argv in
            var request = ProcessRequest(
                executable: argv[0], arguments: Array(argv.dropFirst()), environment: environment, timeout: timeout)
            request.closeStandardInput = true
            do {
                let result = try runner.run(request)
                if result.timedOut {
                    return PostCommitActionResult(argv: argv, status: nil, failure: "timed out after \(Int(timeout)) s")
                }
                guard let status = result.exitStatus else {
                    return PostCommitActionResult(argv: argv, status: nil, failure: "ended by a signal")
                }
                let tail = (result.errorText + result.outputText).trimmingCharacters(in: .whitespacesAndNewlines).suffix(400)
                return PostCommitActionResult(argv: argv, status: status, failure: status == 0 ? nil : "exit \(status): \(tail)")
            } catch {
                return PostCommitActionResult(argv: argv, status: nil, failure: "\(error)")
            }
        }
    }
}
