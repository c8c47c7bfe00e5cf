import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Replaces a file all at once: a reader or a crash sees the old content or the new, never a torn file.
///
/// The data goes to a temporary file in the same folder (`.<name>.tmp-<random>`), which is synced, renamed over
/// the target and followed by a sync of the folder. If the target is a symbolic link, the link itself is replaced.
/// Concurrent writers to the same path must be serialised by the caller; the last rename wins.
public enum AtomicFile {
    /// Permissions for public output such as feed files.
    public static let publicPermissions: mode_t = 0o644

    /// Writes `data` to `path` atomically with exactly `permissions` (the umask does not apply).
    /// On failure the temporary file is removed and the old file, if any, is untouched.
    public static func write(_ data: Data, to path: String, permissions: mode_t = publicPermissions)
        throws(AtomicFileError)
    {
        let (folder, name) = split(path)
        guard !name.isEmpty else { throw AtomicFileError(path: path, step: .replace, code: EISDIR) }
        let temporary = folder + "/." + name + ".tmp-" + String(UInt64.random(in: .min ... .max), radix: 36)

        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
        guard fd >= 0 else { throw AtomicFileError(path: path, step: .createTemporary, code: errno) }
        var isOpen = true
        do throws(AtomicFileError) {
            try check(fchmod(fd, permissions), path: path, step: .setPermissions)
            try writeAll(data, to: fd, path: path)
            try check(fsync(fd), path: path, step: .sync)
            isOpen = false
            try check(close(fd), path: path, step: .write)
            try check(rename(temporary, path), path: path, step: .replace)
        } catch {
            if isOpen { close(fd) }
            unlink(temporary)
            throw error
        }
        try syncFolder(folder, path: path)
    }

    /// Creates `temporary` (which must not exist) with `data`, synced, with exactly `permissions`; errors name
    /// `path`, the file it stands for. On failure the temporary file is removed.
    static func writeSynced(_ data: Data, to temporary: String, reportingAs path: String, permissions: mode_t)
        throws(AtomicFileError)
    {
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
        guard fd >= 0 else { throw AtomicFileError(path: path, step: .createTemporary, code: errno) }
        var isOpen = true
        do throws(AtomicFileError) {
            try check(fchmod(fd, permissions), path: path, step: .setPermissions)
            try writeAll(data, to: fd, path: path)
            try check(fsync(fd), path: path, step: .sync)
            isOpen = false
            try check(close(fd), path: path, step: .write)
        } catch {
            if isOpen { close(fd) }
            unlink(temporary)
            throw error
        }
    }

    private static func writeAll(_ data: Data, to fd: Int32, path: String) throws(AtomicFileError) {
        let failure: Int32? = data.withUnsafeBytes { buffer -> Int32? in
            guard var pointer = buffer.baseAddress else { return nil }
            var remaining = buffer.count
            while remaining > 0 {
                let written = systemWrite(fd, pointer, remaining)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                remaining -= written
                pointer += written
            }
            return nil
        }
        if let failure { throw AtomicFileError(path: path, step: .write, code: failure) }
    }

    private static func systemWrite(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
            return Glibc.write(fd, pointer, count)
        #else
            return Darwin.write(fd, pointer, count)
        #endif
    }

    /// Syncs the folder so the rename itself survives a power loss; file systems that cannot sync a folder
    /// (`EINVAL`) are accepted.
    private static func syncFolder(_ folder: String, path: String) throws(AtomicFileError) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw AtomicFileError(path: path, step: .syncFolder, code: errno) }
        defer { close(fd) }
        if fsync(fd) != 0, errno != EINVAL {
            throw AtomicFileError(path: path, step: .syncFolder, code: errno)
        }
    }

    private static func check(_ result: Int32, path: String, step: AtomicFileError.Step) throws(AtomicFileError) {
        if result != 0 { throw AtomicFileError(path: path, step: step, code: errno) }
    }

    /// The folder holding `path` (`.` for a bare name, `/` at the root) and the file name after the last slash.
    static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let folder = String(path[..<slash])
        return (folder.isEmpty ? "/" : folder, String(path[path.index(after: slash)...]))
    }
}
