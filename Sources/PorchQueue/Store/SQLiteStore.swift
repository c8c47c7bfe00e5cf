import Foundation
import GRDB

/// The queue in one SQLite file (WAL, synchronous=FULL) in the group's owner-only data folder: the default store.
///
/// Every write runs in one IMMEDIATE transaction and is on disk when it returns. Several porch processes may open
/// the same file; one waits up to ``Queue/Options/busyTimeout`` for another.
final class SQLiteStore: QueueStore {
    let path: String
    let options: Queue.Options
    let database: DatabaseQueue

    var location: String { path }

    init(path: String, options: Queue.Options, mustExist: Bool) throws {
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
            throw SQLiteStore.translate(error, path: path, busyTimeout: timeout)
        }
        try migrate()
    }

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

    func write<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        try run {
            try database.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(SQLiteTransaction(db: db))
                    return .commit
                }
                return result!
            }
        }
    }

    func read<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        try run { try database.read { try body(SQLiteTransaction(db: $0)) } }
    }

    /// Copies the journal into the database file and truncates it, so purged text leaves no old copy there;
    /// false when readers kept the journal busy past ``Queue/Options/purgeWait`` (the next checkpoint completes it).
    func purgeOldVersions() throws -> Bool {
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

    func publishingLock(waitSeconds: Double) throws -> (any PublishingLock)? { nil }

    func changeListener() throws -> QueueChanges? { nil }

    /// Translates SQLite errors into ``QueueError``.
    func run<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw SQLiteStore.translate(error, path: path, busyTimeout: options.busyTimeout)
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
}

/// A GRDB transaction as a ``StoreTransaction``. Statements are cached per connection.
struct SQLiteTransaction: StoreTransaction {
    let db: Database

    func execute(_ sql: String, _ arguments: [StoreValue]) throws -> Int {
        let statement = try db.cachedStatement(sql: sql)
        try statement.execute(arguments: SQLiteTransaction.arguments(arguments))
        return db.changesCount
    }

    func rows(_ sql: String, _ arguments: [StoreValue]) throws -> [StoreRow] {
        let statement = try db.cachedStatement(sql: sql)
        let columns = statement.columnNames
        return try Row.fetchAll(statement, arguments: SQLiteTransaction.arguments(arguments)).map { row in
            StoreRow(columns: columns, values: row.databaseValues.map(SQLiteTransaction.value(of:)))
        }
    }

    func insert(_ sql: String, _ arguments: [StoreValue]) throws -> Int64 {
        _ = try execute(sql, arguments)
        return db.lastInsertedRowID
    }

    static func arguments(_ values: [StoreValue]) -> StatementArguments {
        StatementArguments(
            values.map { value -> DatabaseValue in
                switch value {
                case .null: return .null
                case .integer(let integer): return integer.databaseValue
                case .real(let real): return real.databaseValue
                case .text(let text): return text.databaseValue
                }
            })
    }

    static func value(of value: DatabaseValue) -> StoreValue {
        switch value.storage {
        case .null: return .null
        case .int64(let integer): return .integer(integer)
        case .double(let real): return .real(real)
        case .string(let text): return .text(text)
        case .blob(let data): return .text(String(decoding: data, as: UTF8.self))
        }
    }
}

extension Queue {
    /// The SQLite database under an SQLite queue, for tests that look at the file itself (pragmas, raw rows).
    var database: DatabaseQueue {
        guard let store = store as? SQLiteStore else { preconditionFailure("not an SQLite queue") }
        return store.database
    }
}
