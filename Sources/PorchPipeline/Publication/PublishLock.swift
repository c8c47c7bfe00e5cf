import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive `flock` on a file in the group's data folder, so two publishers never interleave.
///
/// The kernel releases the lock when the process ends, however it ends (kill -9 included), so a crashed
/// publisher never leaves the group locked.
public final class PublishLock {
    public static let fileName = "publish.lock"

    public let path: String
    private let descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Takes the lock at `path` (created owner-only if missing), waiting up to `waitSeconds` for another
    /// publisher to finish.
    public static func acquire(path: String, waitSeconds: Double) throws(PublishError) -> PublishLock {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw .lockUnavailable(path: path, reason: String(cString: strerror(errno)))
        }
        let deadline = Date().addingTimeInterval(waitSeconds)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            guard code == EWOULDBLOCK || code == EINTR else {
                close(descriptor)
                throw .lockUnavailable(path: path, reason: String(cString: strerror(code)))
            }
            guard Date() < deadline else {
                close(descriptor)
                throw .lockBusy(path: path, waitedSeconds: waitSeconds)
            }
            usleep(20_000)
        }
        return PublishLock(path: path, descriptor: descriptor)
    }
}
