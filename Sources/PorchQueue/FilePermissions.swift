#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Owner-only file helpers: checks and creation with POSIX calls, so modes are exact.
enum FilePermissions {
    /// The permission bits of `path`, or nil when it does not exist.
    static func mode(of path: String) throws -> (mode: UInt32, isDirectory: Bool)? {
        var info = stat()
        if stat(path, &info) != 0 {
            if errno == ENOENT { return nil }
            throw QueueError.fileAccess(path: path, operation: "inspect", reason: errnoText())
        }
        return (UInt32(info.st_mode) & 0o7777, (UInt32(info.st_mode) & UInt32(S_IFMT)) == UInt32(S_IFDIR))
    }

    /// Throws unless `path` is a folder only its owner can reach.
    static func requireOwnerOnlyFolder(_ path: String) throws {
        guard let (mode, isDirectory) = try mode(of: path), isDirectory else {
            throw QueueError.folderMissing(path: path)
        }
        if mode & 0o077 != 0 {
            throw QueueError.insecurePermissions(path: path, mode: mode, fix: "chmod 700 \(path)")
        }
    }

    /// Throws unless this process can create and change files in the folder `path`.
    static func requireWritableFolder(_ path: String) throws {
        if access(path, W_OK | X_OK) != 0 {
            throw QueueError.folderNotWritable(path: path, reason: errnoText())
        }
    }

    /// Throws if `path` exists and group or others can access it.
    static func requireOwnerOnlyFileIfPresent(_ path: String) throws {
        guard let (mode, _) = try mode(of: path) else { return }
        if mode & 0o077 != 0 {
            throw QueueError.insecurePermissions(path: path, mode: mode, fix: "chmod 600 \(path)")
        }
    }

    /// Creates an empty file with mode 0600 unless it exists.
    static func createOwnerOnlyFile(_ path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd < 0 {
            if errno == EEXIST { return }
            throw QueueError.fileAccess(path: path, operation: "create", reason: errnoText())
        }
        defer { close(fd) }
        if fchmod(fd, 0o600) != 0 {
            throw QueueError.fileAccess(path: path, operation: "set permissions on", reason: errnoText())
        }
    }

    static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}
