/// Where the queue keeps its rows: the one contract both stores meet (SQLite in the group's folder, or a
/// PostgreSQL server shared by several hosts).
///
/// The queue's operations are written once, against ``StoreTransaction``: statements in the SQL both engines
/// read (`?` parameters, `ON CONFLICT`, no engine-only functions). A store runs them in transactions that see one
/// consistent state and commit whole, and turns its engine's failures into ``QueueError``.
public protocol QueueStore: Sendable {
    /// Where the queue is, for messages: the file's path, or the server and database (never a password).
    var location: String { get }
    /// Runs `body` in a transaction that can write: committed (durably) when it returns, rolled back when it throws.
    func write<T>(_ body: (any StoreTransaction) throws -> T) throws -> T
    /// Runs `body` in a transaction that only reads.
    func read<T>(_ body: (any StoreTransaction) throws -> T) throws -> T
    /// Called after a decision purged a post's original text: the store's chance to drop old copies of it
    /// (SQLite truncates its journal). Best effort; returns false when it could not finish now.
    @discardableResult func purgeOldVersions() throws -> Bool
    /// Takes the group's publishing lock on every host that shares this store, waiting up to `waitSeconds` for
    /// another publisher (then ``QueueError/locked(path:waitedSeconds:)``); held until the lock is released. nil
    /// for an SQLite file, which is one host's: the publish lock file in the data folder is enough there.
    func publishingLock(waitSeconds: Double) throws -> (any PublishingLock)?
    /// News of changes made through other connections (other moderators, other hosts), or nil where the store
    /// has none to give (an SQLite file).
    func changeListener() throws -> QueueChanges?
}

/// Changes to the queue made elsewhere, as they commit: a descriptor to wait on beside others, and `drain`.
public final class QueueChanges {
    public let fileDescriptor: Int32
    private let take: () throws -> Bool

    /// `take` consumes what arrived and says whether any of it is a change made elsewhere.
    init(fileDescriptor: Int32, take: @escaping () throws -> Bool) {
        self.fileDescriptor = fileDescriptor
        self.take = take
    }

    /// True when the queue changed elsewhere since the last call (and on a broken connection, so the caller
    /// loads the queue again and sees the failure there).
    public func drain() -> Bool { (try? take()) ?? true }
}

/// A held publishing lock, released when it goes away.
public protocol PublishingLock: AnyObject {}

/// One transaction, as the queue's operations see it.
public protocol StoreTransaction {
    /// Runs a statement; returns how many rows it changed.
    @discardableResult func execute(_ sql: String, _ arguments: [StoreValue]) throws -> Int
    /// Runs a query and returns its rows.
    func rows(_ sql: String, _ arguments: [StoreValue]) throws -> [StoreRow]
    /// Runs an INSERT into a table with an `id` key and returns the new row's id.
    func insert(_ sql: String, _ arguments: [StoreValue]) throws -> Int64
}

extension StoreTransaction {
    @discardableResult func execute(_ sql: String, _ arguments: any StoreBindable...) throws -> Int {
        try execute(sql, arguments.map(\.storeValue))
    }

    func rows(_ sql: String, _ arguments: any StoreBindable...) throws -> [StoreRow] {
        try rows(sql, arguments.map(\.storeValue))
    }

    /// The first row, or nil.
    func row(_ sql: String, _ arguments: [StoreValue]) throws -> StoreRow? {
        try rows(sql, arguments).first
    }

    func row(_ sql: String, _ arguments: any StoreBindable...) throws -> StoreRow? {
        try rows(sql, arguments.map(\.storeValue)).first
    }
}
