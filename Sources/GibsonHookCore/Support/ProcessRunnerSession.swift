#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The running half of `PosixProcessRunner`: feeds stdin, drains stdout and stderr with `poll`, and ends
/// the process group on timeout or when `stopWhen` is satisfied.
struct ChildSession {
    let pid: pid_t
    let request: ProcessRequest
    let input: Pipe
    let output: Pipe
    let error: Pipe
    private(set) var stdout: [UInt8] = []
    private(set) var stderr: [UInt8] = []
    private(set) var timedOut = false
    private(set) var stoppedEarly = false
    private var written = 0

    init(pid: pid_t, request: ProcessRequest, input: Pipe, output: Pipe, error: Pipe) {
        self.pid = pid
        self.request = request
        self.input = input
        self.output = output
        self.error = error
        _ = fcntl(input.write, F_SETFL, fcntl(input.write, F_GETFL) | O_NONBLOCK)
        if request.standardInput.isEmpty && request.closeStandardInput { input.closeWrite() }
    }

    /// Runs until the child exits and its pipes drain, the deadline passes or `stopWhen` fires.
    mutating func pump(deadline: Double) -> ProcessTermination {
        var exitStatus: Int32? = nil
        var drainUntil = Double.infinity
        while true {
            if exitStatus == nil { exitStatus = reap(blocking: false) }
            if exitStatus != nil, drainUntil == .infinity {
                // Grandchildren may hold the pipes open; give them a moment, then stop reading.
                drainUntil = monotonicSeconds() + 0.2
            }
            let openOutputs = output.read >= 0 || error.read >= 0
            let now = monotonicSeconds()
            if let exitStatus, !openOutputs || now >= drainUntil { return decode(exitStatus) }
            if let stop = request.stopWhen, stop(stdout) {
                stoppedEarly = true
                return endGroup(alreadyReaped: exitStatus)
            }
            if now >= deadline {
                timedOut = true
                return endGroup(alreadyReaped: exitStatus)
            }
            let wait = min(deadline, drainUntil, now + 0.05) - now
            pollOnce(milliseconds: Int32(max(1, wait * 1000)))
        }
    }

    private mutating func pollOnce(milliseconds: Int32) {
        var fds: [pollfd] = []
        if output.read >= 0 { fds.append(pollfd(fd: output.read, events: Int16(POLLIN), revents: 0)) }
        if error.read >= 0 { fds.append(pollfd(fd: error.read, events: Int16(POLLIN), revents: 0)) }
        if input.write >= 0 { fds.append(pollfd(fd: input.write, events: Int16(POLLOUT), revents: 0)) }
        guard !fds.isEmpty else {
            usleep(UInt32(milliseconds) * 1000)
            return
        }
        guard poll(&fds, nfds_t(fds.count), milliseconds) > 0 else { return }
        for entry in fds where entry.revents != 0 {
            if entry.fd == output.read { drain(output, into: &stdout) }
            else if entry.fd == error.read { drain(error, into: &stderr) }
            else if entry.fd == input.write { feed() }
        }
    }

    private func drain(_ pipe: Pipe, into buffer: inout [UInt8]) {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = chunk.withUnsafeMutableBytes { Glibc.read(pipe.read, $0.baseAddress, $0.count) }
        if count <= 0 {
            if count == 0 || (errno != EINTR && errno != EAGAIN) { pipe.closeRead() }
            return
        }
        let room = max(0, request.outputLimit - buffer.count)
        buffer.append(contentsOf: chunk[0..<min(room, count)])
    }

    private mutating func feed() {
        let bytes = request.standardInput
        if written < bytes.count {
            let count = bytes.withUnsafeBytes {
                Glibc.write(input.write, $0.baseAddress! + written, bytes.count - written)
            }
            if count > 0 { written += count } else if errno != EAGAIN && errno != EINTR { input.closeWrite() }
        }
        if written >= bytes.count && request.closeStandardInput { input.closeWrite() }
    }

    /// The status word from `waitpid`, or nil while the child runs (non-blocking).
    private func reap(blocking: Bool) -> Int32? {
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, blocking ? 0 : WNOHANG)
            if result == pid { return status }
            if result == -1 && errno == EINTR { continue }
            return nil
        }
    }

    /// SIGTERM to the group, a grace period, then SIGKILL to whatever of the group is left.
    private mutating func endGroup(alreadyReaped: Int32?) -> ProcessTermination {
        kill(-pid, SIGTERM)
        var status = alreadyReaped
        let graceEnd = monotonicSeconds() + request.killGrace
        while status == nil && monotonicSeconds() < graceEnd {
            status = reap(blocking: false)
            if status == nil { usleep(10_000) }
        }
        // The group id stays reserved while any member lives, so this cannot hit an unrelated process.
        kill(-pid, SIGKILL)
        if status == nil { status = reap(blocking: true) }
        // Collect what the group wrote before it died.
        pollOnce(milliseconds: 1)
        return decode(status ?? 0)
    }

    private func decode(_ status: Int32) -> ProcessTermination {
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
    }
}
