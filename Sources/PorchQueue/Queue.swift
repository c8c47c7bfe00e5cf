import Foundation

/// The durable moderation queue: posts, redactions, matches, the append-only history and the spam filter, kept
/// in a ``QueueStore`` (one SQLite file by default, or a PostgreSQL database).
///
/// Every change runs in one transaction and is durable when the call returns. Several porch processes may use the
/// same queue; a change based on a stale read fails with ``QueueError/conflict``.
public final class Queue: Sendable {
    /// How the SQLite store waits for other processes.
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

    /// Where the queue is: the database file, or the PostgreSQL server and database.
    public let path: String
    let store: any QueueStore

    /// Opens the SQLite queue at `path`, creating it (mode 0600) and its schema if needed, or with `mustExist`,
    /// refusing a missing file (``QueueError/unusableDatabase(path:reason:)``): only `porch init` creates a group's
    /// queue, so a queue that was moved or deleted is never silently replaced by an empty one.
    ///
    /// The folder must exist and be owner-only; an existing file (and its -wal/-shm) must be owner-only.
    public convenience init(path: String, options: Options = Options(), mustExist: Bool = false) throws {
        self.init(store: try SQLiteStore(path: path, options: options, mustExist: mustExist))
    }

    /// The queue kept in `store`.
    public init(store: any QueueStore) {
        self.store = store
        self.path = store.location
    }

    /// What to do about a queue file that is not there.
    static let missingAdvice =
        "the file is missing (moved or deleted?). Put it back from where it went or from a backup;"
        + " only `porch init` creates a new, empty queue, and its ids start again at 1"

    /// Drops old copies of purged text where the store keeps them (SQLite: copies the journal into the database
    /// file and truncates it).
    ///
    /// Called after every decision; returns false when it could not finish now (the next checkpoint completes it).
    @discardableResult
    public func truncateJournal() throws -> Bool {
        try store.purgeOldVersions()
    }

    /// The group's publishing lock on every host sharing the queue, held until released; nil for SQLite (see
    /// ``QueueStore/publishingLock(waitSeconds:)``).
    public func publishingLock(waitSeconds: Double) throws -> (any PublishingLock)? {
        try store.publishingLock(waitSeconds: waitSeconds)
    }

    /// The store, for what only one kind has (a PostgreSQL listener for `porch review`).
    public var storage: any QueueStore { store }

    // MARK: - Plumbing

    /// Runs `body` in one writing transaction: committed (and synced) when it returns, rolled back if it throws.
    func write<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        try store.write(body)
    }

    /// Runs `body` in a read transaction.
    func read<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        try store.read(body)
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
