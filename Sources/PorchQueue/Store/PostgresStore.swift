import Foundation
import PostgreSQL

/// The queue on a PostgreSQL server that several hosts and moderators share.
///
/// Each group has its own schema (`porch_<group>`) in the database, so groups are kept apart by the server's own
/// namespaces, one `DROP SCHEMA` removes a group, and the queue's SQL is the same as on SQLite. Writes take the
/// group's transaction-level advisory lock first, so they follow each other as SQLite's IMMEDIATE transactions
/// do; reads see one snapshot. Every write notifies the group's channel when it commits, which `porch review`
/// listens on. A connection that drops is opened again and the transaction run again, with backoff, for up to
/// ``Options/retrySeconds``.
public final class PostgresStore: QueueStore, @unchecked Sendable {
    public struct Options: Sendable {
        /// How long to keep trying when the server is unreachable or restarting.
        public var retrySeconds: Double

        public init(retrySeconds: Double = 30) { self.retrySeconds = retrySeconds }
    }

    public let url: String
    /// The group's schema, e.g. `porch_new_parents`.
    public let schema: String
    let options: Options
    /// The fingerprint of this host's key, checked before every write.
    let keyFingerprint: String?
    private let lock = NSLock()
    private var connection: Connection?
    private var keyChecked = false

    public var location: String { "\(Connection.redacted(url)) (schema \(schema))" }

    /// `url` without a password or options, for messages.
    public static func redacted(_ url: String) -> String { Connection.redacted(url) }

    /// The channel the group's changes are announced on.
    public var channel: String { schema }

    /// Connects, creates the group's schema and tables if needed (once, however many hosts start at once) and
    /// checks the schema version. `keyFingerprint` (see ``SecretKey/fingerprint``) is recorded by the first host to
    /// write and refused on any later write that brings another.
    public init(url: String, group: String, keyFingerprint: String?, options: Options = Options()) throws {
        self.url = url
        self.schema = PostgresStore.schemaName(forGroup: group)
        self.options = options
        self.keyFingerprint = keyFingerprint
        do {
            try Connection.checkedURL(url)
        } catch {
            throw QueueError.invalidArgument("\(error)")
        }
        try withConnection { connection in try migrate(connection) }
    }

    /// Why `url` cannot be used, or nil: not a connection string libpq reads, or one holding a password.
    public static func problem(withURL url: String) -> String? {
        do {
            try Connection.checkedURL(url)
            return nil
        } catch {
            return error.description
        }
    }

    /// `porch_` and the group's name in lower-case letters, digits and underscores (at most 50 of them).
    public static func schemaName(forGroup group: String) -> String {
        var name = ""
        for scalar in group.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                name.unicodeScalars.append(scalar)
            } else if !name.hasSuffix("_") {
                name += "_"
            }
        }
        let trimmed = String(name.trimmingCharacters(in: CharacterSet(charactersIn: "_")).prefix(50))
        return "porch_" + (trimmed.isEmpty ? "group" : trimmed)
    }

    // MARK: - QueueStore

    public func write<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        try withConnection { connection in
            try checkKey(connection)
            return try connection.transaction { connection in
                try connection.execute("SELECT pg_advisory_xact_lock(hashtext($1))", [.text(schema + ".write")])
                let result = try body(PostgresTransaction(connection: connection))
                try connection.execute("SELECT pg_notify($1, 'changed')", [.text(channel)])
                return result
            }
        }
    }

    public func read<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        try withConnection { connection in
            try connection.transaction(isolation: "REPEATABLE READ READ ONLY") { connection in
                try body(PostgresTransaction(connection: connection))
            }
        }
    }

    /// PostgreSQL keeps a purged text in the row's old version until VACUUM reclaims it, and in the WAL until a
    /// checkpoint recycles it (SECURITY.md says what an operator does); nothing to do per decision.
    public func purgeOldVersions() throws -> Bool { true }

    /// Takes the group's publishing lock: a session advisory lock on a connection of its own, so it holds on
    /// every host at once and goes with the connection if the publisher dies.
    public func publishingLock(waitSeconds: Double) throws -> (any PublishingLock)? {
        let key = Value.text(schema + ".publish")
        let deadline = Date().addingTimeInterval(waitSeconds)
        return try retryingWhileTransient {
            let publisher = try open()
            while try publisher.execute("SELECT pg_try_advisory_lock(hashtext($1))", [key]).first?.text(at: 0) != "t" {
                guard Date() < deadline else {
                    throw QueueError.locked(path: location + " publishing lock", waitedSeconds: waitSeconds)
                }
                Thread.sleep(forTimeInterval: 0.1)
            }
            return HeldAdvisoryLock(connection: publisher, key: key)
        }
    }

    final class HeldAdvisoryLock: PublishingLock {
        let connection: Connection
        let key: Value

        init(connection: Connection, key: Value) {
            self.connection = connection
            self.key = key
        }

        deinit { _ = try? connection.execute("SELECT pg_advisory_unlock(hashtext($1))", [key]) }
    }

    /// Listens on the group's channel on a connection of its own: every write of another connection (another
    /// moderator, another host, `porch submit`) is news; this store's own writes are not.
    public func changeListener() throws -> QueueChanges? {
        let listener = try retryingWhileTransient {
            let listener = try open()
            try listener.listen(channel)
            return listener
        }
        return QueueChanges(fileDescriptor: listener.socket) { [weak self] in
            let own = self?.ownProcessID
            return try listener.notifications(waiting: 0).contains { $0.senderProcessID != own }
        }
    }

    /// The server process of this store's connection, whose notifications are its own writes.
    private var ownProcessID: Int32? {
        lock.lock()
        defer { lock.unlock() }
        return connection?.serverProcessID
    }

    // MARK: - Connections and retries

    /// Runs `body` on the store's connection, opening it again and running `body` again while the failure is one
    /// that a new connection may not have (the server restarting, a dropped connection, a serialization race).
    private func withConnection<T>(_ body: (Connection) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        return try retryingWhileTransient {
            do {
                let current: Connection
                if let connection, connection.isOpen {
                    current = connection
                } else {
                    connection = nil
                    current = try open()
                    connection = current
                }
                return try body(current)
            } catch let error as PostgreSQLError where error.isTransient {
                connection = nil
                throw error
            }
        }
    }

    /// Runs `body` again, with backoff, while it fails in a way the server may not fail in a moment later, for up
    /// to ``Options/retrySeconds``; any other PostgreSQL failure becomes the ``QueueError`` that says what to do.
    private func retryingWhileTransient<T>(_ body: () throws -> T) throws -> T {
        let start = Date()
        var delay = 0.05
        while true {
            do {
                return try body()
            } catch let error as PostgreSQLError where error.isTransient {
                let waited = Date().timeIntervalSince(start)
                guard waited + delay <= options.retrySeconds else {
                    throw QueueError.serverUnavailable(
                        location: location, reason: error.description, waitedSeconds: waited)
                }
                Thread.sleep(forTimeInterval: delay)
                delay = min(delay * 2, 2)
            } catch let error as PostgreSQLError {
                throw translate(error)
            }
        }
    }

    private func open() throws(PostgreSQLError) -> Connection {
        let connection = try Connection(url: url)
        try connection.execute("SET search_path TO " + Connection.quotedIdentifier(schema))
        return connection
    }

    private func migrate(_ connection: Connection) throws {
        try connection.transaction { connection in
            try connection.execute("SELECT pg_advisory_xact_lock(hashtext($1))", [.text(schema + ".migrate")])
            try connection.execute("CREATE SCHEMA IF NOT EXISTS " + Connection.quotedIdentifier(schema))
            try connection.execute(PostgresSchema.meta)
            let stored =
                try connection.execute("SELECT value FROM porch_meta WHERE key = 'schema_version'")
                .first?.integer("value") ?? 0
            guard stored <= PostgresSchema.versions.count else {
                throw QueueError.unusableDatabase(
                    path: location, reason: "it was written by a newer version of porch; upgrade porch to use it")
            }
            for version in Int(stored)..<PostgresSchema.versions.count {
                try connection.executeScript(PostgresSchema.versions[version])
            }
            try connection.execute(
                """
                INSERT INTO porch_meta (key, value) VALUES ('schema_version', $1)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """, [.text(String(PostgresSchema.versions.count))])
        }
    }

    /// The group's value of a setting every host must share (its feed id): `proposed` if no host has recorded one yet,
    /// else the one recorded first. A second host adopts the group's value instead of minting its own.
    public func sharedSetting(_ name: String, proposing proposed: String) throws -> String {
        try withConnection { connection in
            try connection.execute(
                "INSERT INTO porch_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
                [.text("setting." + name), .text(proposed)])
            return try connection.execute("SELECT value FROM porch_meta WHERE key = $1", [.text("setting." + name)])
                .first?.text("value") ?? proposed
        }
    }

    /// Records this host's key fingerprint if the group has none yet; refuses a different one.
    private func checkKey(_ connection: Connection) throws {
        guard let keyFingerprint, !keyChecked else { return }
        try connection.execute(
            "INSERT INTO porch_meta (key, value) VALUES ('key_fingerprint', $1) ON CONFLICT (key) DO NOTHING",
            [.text(keyFingerprint)])
        let recorded = try connection.execute("SELECT value FROM porch_meta WHERE key = 'key_fingerprint'")
            .first?.text("value")
        guard recorded == keyFingerprint else { throw QueueError.keyMismatch(location: location) }
        keyChecked = true
    }

    private func translate(_ error: PostgreSQLError) -> QueueError {
        switch error {
        case .statement(let state, let message):
            return .database(path: location, code: 0, message: "\(state): \(message)")
        case .invalidURL(let reason):
            return .invalidArgument("the queue's database URL cannot be used: \(reason)")
        case .libraryMissing:
            return .invalidArgument(error.description)
        case .connection(let reason), .connectionLost(let reason):
            return .serverUnavailable(location: location, reason: reason, waitedSeconds: 0)
        }
    }
}

/// A libpq transaction as a ``StoreTransaction``: `?` parameters numbered, values sent and read as text.
struct PostgresTransaction: StoreTransaction {
    let connection: Connection

    func execute(_ sql: String, _ arguments: [StoreValue]) throws -> Int {
        try connection.executePrepared(
            PostgresSchema.numberedParameters(sql), arguments.map(PostgresTransaction.value)
        ).affected
    }

    func rows(_ sql: String, _ arguments: [StoreValue]) throws -> [StoreRow] {
        let rows = try connection.executePrepared(
            PostgresSchema.numberedParameters(sql), arguments.map(PostgresTransaction.value))
        return rows.values.map { values in
            StoreRow(columns: rows.columns, values: values.map { $0.map(StoreValue.text) ?? .null })
        }
    }

    func insert(_ sql: String, _ arguments: [StoreValue]) throws -> Int64 {
        let rows = try connection.executePrepared(
            PostgresSchema.numberedParameters(sql) + " RETURNING id", arguments.map(PostgresTransaction.value))
        guard let id = rows.first?.integer(at: 0) else {
            throw QueueError.database(path: "PostgreSQL", code: 0, message: "an insert returned no id")
        }
        return id
    }

    static func value(_ value: StoreValue) -> Value {
        switch value {
        case .null: return .null
        case .integer(let integer): return .integer(integer)
        case .real(let real): return .real(real)
        case .text(let text): return .text(text)
        }
    }
}
