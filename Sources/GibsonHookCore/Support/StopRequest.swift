#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether SIGTERM or SIGINT asked this process to stop. `health --watch` with a supervised process listens
/// for them, so that a service manager's stop ends the watch between rounds and the process is stopped and
/// its exit recorded; without a supervised process the signals keep their default action.
public enum StopRequest {
    nonisolated(unsafe) private static var flag: sig_atomic_t = 0

    /// True once a stop signal arrived after `listen()`.
    public static var requested: Bool { flag != 0 }

    /// Turns SIGTERM and SIGINT into a stop request (the handler only sets the flag) and unblocks them.
    public static func listen() {
        var mask = sigset_t()
        sigemptyset(&mask)
        for number in [SIGTERM, SIGINT] {
            _ = signal(number) { _ in StopRequest.flag = 1 }
            sigaddset(&mask, number)
        }
        // A parent may have started the watch with them blocked (Foundation's Process does); a service
        // manager's stop must still reach it.
        pthread_sigmask(SIG_UNBLOCK, &mask, nil)
    }
}
