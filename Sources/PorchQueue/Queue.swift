import Foundation
import GRDB

/// The durable moderation queue: one SQLite file (WAL, synchronous=FULL) holding posts, redactions and history.
///
/// Every change runs in one IMMEDIATE transaction and is on disk when the call returns. Several porch
/// processes may open the same file; a change based on a stale read fails with ``QueueError/conflict``.
public final class Queue: Sendable {
    /// How the queue waits for other processes.
    public struct Options: Sendable {
        /// How long to wait, in seconds, for another porch process to release the database.
        public var busyTimeout: Double
        /// After a decision, how long to wait for readers before the journal is truncated (purging old pages).
        public var purgeWait: Double

        public init(busyTimeout: Double = 5, purgeWait: Double = 0.2) {
            self.busyTimeout = busyTimeout
            self.purgeWait = purgeWait
        }
    }

    /// The database file.
    public let path: String
    let options: Options
    let database: DatabaseQueue

    /// Opens the queue at `path`, creating it (mode 0600) and its schema if needed, or with `mustExist`, refusing a
    /// missing file (``QueueError/unusableDatabase(path:reason:)``): only `porch init` creates a group's queue, so
    /// a queue that was moved or deleted is never silently replaced by an empty one.
    ///
    /// The folder must exist and be owner-only; an existing file (and its -wal/-shm) must be owner-only.
    public init(path: String, options: Options = Options(), mustExist: Bool = false) throws {
        self.path = path
        self.options = options
        let folder = (path as NSString).deletingLastPathComponent
        try FilePermissions.requireOwnerOnlyFolder(folder.isEmpty ? "." : folder)
        try FilePermissions.requireWritableFolder(folder.isEmpty ? "." : folder)
        for file in [path, path + "-wal", path + "-shm"] {
            try FilePermissions.requireOwnerOnlyFileIfPresent(file)
        }
        if mustExist, !FileManager.default.fileExists(atPath: path) {
            throw QueueError.unusableDatabase(path: path, reason: Queue.missingAdvice)
        }
        // SQLite gives the -wal and -shm files the main file's mode, so creating it 0600 covers all three.
        try FilePermissions.createOwnerOnlyFile(path)

        let freeBytes = WALBudget.freeBytes(inFolder: folder.isEmpty ? "." : folder)
        var configuration = Configuration()
        configuration.label = "PorchQueue"
        configuration.busyMode = .timeout(options.busyTimeout)
        configuration.prepareDatabase { db in
            // Set here rather than with GRDB's `.wal` option, which lowers `synchronous` to NORMAL: an
            // acknowledged post must survive power loss. `secure_delete` zeroes purged text in freed space.
            guard try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") == "wal" else {
                throw QueueError.unusableDatabase(path: path, reason: "SQLite could not switch it to WAL mode")
            }
            try db.execute(sql: "PRAGMA synchronous = FULL; PRAGMA secure_delete = ON;")
            // Checkpoint every ~40 MB rather than 4 MB (faster imports), or sooner on a disk with little room, so a
            // full disk is recovered from by freeing some space (see `WALBudget`).
            let pageSize = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096
            let pages = WALBudget.pages(freeBytes: freeBytes, pageSize: pageSize)
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(pages)")
        }
        let timeout = options.busyTimeout
        do {
            database = try DatabaseQueue(path: path, configuration: configuration)
        } catch let error as DatabaseError {
            throw Queue.translate(error, path: path, busyTimeout: timeout)
        }
        try migrate()
    }

    /// What to do about a queue file that is not there.
    static let missingAdvice =
        "the file is missing (moved or deleted?). Put it back from where it went or from a backup;"
        + " only `porch init` creates a new, empty queue, and its ids start again at 1"

    private func migrate() throws {
        let migrator = QueueSchema.migrator
        try run {
            if try database.read({ try migrator.hasBeenSuperseded($0) }) {
                throw QueueError.unusableDatabase(
                    path: path, reason: "it was written by a newer version of porch; upgrade porch to use it")
            }
            try migrator.migrate(database)
        }
    }

    /// Copies the journal into the database file and truncates it, so purged text leaves no old copy there.
    ///
    /// Called after every decision; returns false when readers kept the journal busy past ``Options/purgeWait``
    /// (the next checkpoint completes the purge).
    @discardableResult
    public func truncateJournal() throws -> Bool {
        try run {
            try database.writeWithoutTransaction { db in
                let normal = Int(options.busyTimeout * 1000)
                try db.execute(sql: "PRAGMA busy_timeout = \(Int(options.purgeWait * 1000))")
                defer { try? db.execute(sql: "PRAGMA busy_timeout = \(normal)") }
                do {
                    try db.checkpoint(.truncate)
                    return true
                } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
                    return false
                }
            }
        }
    }

    // MARK: - Plumbing

    /// Runs `body` in one IMMEDIATE transaction: committed (and synced) when it returns, rolled back if it throws.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try run {
            try database.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        }
    }

    /// Runs `body` in a read transaction.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try run { try database.read { try body($0) } }
    }

    /// Translates SQLite errors into ``QueueError``.
    func run<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw Queue.translate(error, path: path, busyTimeout: options.busyTimeout)
        }
    }

    static func translate(_ error: DatabaseError, path: String, busyTimeout: Double) -> QueueError {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .locked(path: path, waitedSeconds: busyTimeout)
        case .SQLITE_FULL:
            return .diskFull(path: path)
        case .SQLITE_NOTADB:
            return .unusableDatabase(path: path, reason: "it is not an SQLite database; check the path")
        case .SQLITE_CORRUPT:
            return .unusableDatabase(
                path: path, reason: "the database is damaged; restore it from a backup (keep this copy for analysis)")
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY, .SQLITE_IOERR:
            return .fileAccess(path: path, operation: "use", reason: error.message ?? "SQLite could not use it")
        default:
            return .database(
                path: path, code: error.extendedResultCode.rawValue, message: error.message ?? "unknown error")
        }
    }

    /// Throws unless `actor` names someone.
    static func checkedActor(_ actor: String) throws -> String {
        let trimmed = actor.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw QueueError.invalidArgument("every change needs the name of who made it; pass --as NAME")
        }
        return trimmed
    }
}
