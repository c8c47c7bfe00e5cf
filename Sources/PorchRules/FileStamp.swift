import Foundation

/// What `stat` says of a file, enough to tell without reading it that it has not changed since Porch last read it:
/// its device, inode and size, and the times it was last written and last changed (nanoseconds). Every write moves
/// the change time, which no tool can set back, and a file saved by replacing it gets a new inode.
///
/// File times move in clock ticks of a few milliseconds, so a write in the same tick as the read that took a stamp
/// would go unseen. A stamp is therefore trusted only for a file that has been still for `settling` seconds (git
/// answers its "racy clean" entries the same way); anything newer is read in full.
public struct FileStamp: Hashable, Sendable, CustomStringConvertible {
    let device: UInt64
    let inode: UInt64
    let size: Int64
    let modified: Int64
    let changed: Int64

    /// How long a file must have been still before its stamp stands for its bytes.
    public static let settling: Int64 = 2_000_000_000

    /// The file's stamp; nil when it cannot be read (then it is read in full, or refused as before).
    public init?(path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
        size = Int64(status.st_size)
        modified = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
        changed = Int64(status.st_ctim.tv_sec) * 1_000_000_000 + Int64(status.st_ctim.tv_nsec)
    }

    /// True when the file was last written or changed at least `settling` nanoseconds before `now`.
    public func isSettled(now: Int64 = FileStamp.now(), settling: Int64 = FileStamp.settling) -> Bool {
        max(modified, changed) <= now - settling
    }

    /// The wall clock in nanoseconds, as file times are kept.
    public static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    public var description: String { "\(device):\(inode):\(size):\(modified):\(changed)" }

    /// One key for the stamps of `paths` (each with its name, in the order given); nil when a file cannot be read
    /// or has not settled, so the caller reads the bytes instead.
    public static func key(of paths: [String], settling: Int64 = FileStamp.settling) -> String? {
        let now = FileStamp.now()
        var lines = ""
        for path in paths {
            guard let stamp = FileStamp(path: path), stamp.isSettled(now: now, settling: settling) else { return nil }
            lines += "\(path)\0\(stamp)\n"
        }
        return ListCache.key(for: Data(lines.utf8))
    }
}
