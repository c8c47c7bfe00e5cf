#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How many pages the queue's write-ahead log may hold before SQLite copies them into the database file, sized
/// to the disk so that a full disk can always be recovered from by freeing some space.
///
/// A page in the log is stored twice until it is copied: once in the log and once more in the database file
/// while it is copied, and the log can only be emptied when every page of it is in the database. A log that
/// holds most of the group's data (10,000 pages is ~40 MB, more than a small data disk holds) therefore needs as
/// much free space again before it can be emptied; each attempt (every porch command checkpoints as it closes)
/// grows the database file into whatever space was freed, fails, and leaves the disk full. Capping the log at a
/// quarter of the space free when the queue is opened keeps what a recovery needs small.
enum WALBudget {
    /// The cap on a roomy disk: checkpoints every ~40 MB rather than SQLite's 4 MB make bulk imports ~25% faster
    /// (pages rewritten by many chunks of an import, the content-hash index above all, are copied once).
    static let largest = 10_000
    /// The cap however little space is free: a checkpoint per transaction or two, the log a few pages long.
    static let smallest = 16

    /// The cap for a disk with `freeBytes` free (unknown: `largest`, as before Porch measured it).
    static func pages(freeBytes: Int64?, pageSize: Int) -> Int {
        guard let freeBytes, pageSize > 0 else { return largest }
        let quarter = freeBytes / 4 / Int64(pageSize)
        return Int(max(Int64(smallest), min(Int64(largest), quarter)))
    }

    /// The bytes an unprivileged writer may still use on the filesystem holding `folder`, or nil when unknown.
    static func freeBytes(inFolder folder: String) -> Int64? {
        var info = statvfs()
        guard statvfs(folder, &info) == 0 else { return nil }
        return Int64(info.f_bavail) * Int64(info.f_frsize)
    }
}
