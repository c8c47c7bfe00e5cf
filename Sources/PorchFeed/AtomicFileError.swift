#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a feed file could not be replaced, naming the file and what to do; the old file is left as it was.
public struct AtomicFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The step that failed.
    public enum Step: String, Sendable {
        case createTemporary = "create a temporary file beside"
        case write = "write"
        case sync = "flush to disk"
        case setPermissions = "set permissions on"
        case replace = "replace"
        case syncFolder = "flush the folder of"
    }

    /// The file that was to be replaced.
    public let path: String
    /// The step that failed.
    public let step: Step
    /// The system error number (`errno`).
    public let code: Int32

    public init(path: String, step: Step, code: Int32) {
        self.path = path
        self.step = step
        self.code = code
    }

    /// Whether the new content is already in place and only its durability after a power loss is unconfirmed.
    public var replacedButNotSynced: Bool { step == .syncFolder }

    public var description: String {
        let reason = String(cString: strerror(code))
        let outcome =
            replacedButNotSynced
            ? "the new file is in place but may not survive a power loss"
            : "the old file is unchanged"
        return "could not \(step.rawValue) \(path): \(reason); \(outcome). \(advice)"
    }

    /// What the operator can do about `code`.
    public var advice: String {
        switch code {
        case ENOSPC, EDQUOT:
            return "Free disk space (or raise the quota) on that disk, then publish again."
        case EACCES, EPERM:
            return "Make the folder writable by the user running porch, then publish again."
        case EROFS:
            return "The disk is mounted read-only; choose a feed path on a writable disk in porch.toml."
        case ENOENT:
            return "The folder does not exist; create it or fix the feed path in porch.toml."
        case ENOTDIR:
            return "Part of the path is a file, not a folder; fix the feed path in porch.toml."
        case EISDIR:
            return "The path is a folder; point the feed path in porch.toml at a file name."
        case ENAMETOOLONG:
            return "The path is too long; choose a shorter feed path in porch.toml."
        case EIO:
            return "The disk reported an I/O error; check the disk before publishing again."
        default:
            return "Fix the cause above, then publish again."
        }
    }
}
