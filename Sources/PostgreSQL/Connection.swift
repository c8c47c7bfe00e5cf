import CLibPQ

#if canImport(Glibc)
    import Glibc
#endif

/// One connection to a PostgreSQL server through libpq: statements with parameters, transactions, LISTEN/NOTIFY.
///
/// Used by one thread at a time. The password is never passed here: libpq reads it from `PGPASSWORD` or
/// `~/.pgpass`, and a URL holding one is refused (``checkedURL(_:)``).
public final class Connection {
    private let handle: OpaquePointer
    /// The statements prepared on this connection, by their SQL (see ``executePrepared(_:_:)``).
    private var prepared: [String: String] = [:]

    /// Connects to `url` (`postgres://USER@HOST:PORT/DB`, or any libpq connection string without a password).
    public init(url: String, applicationName: String = "porch") throws(PostgreSQLError) {
        try Connection.checkedURL(url)
        // fallback_application_name names us in pg_stat_activity unless the URL names something else.
        let keywords = ["dbname", "fallback_application_name", "connect_timeout"]
        let values = [url, applicationName, "10"]
        let connection = CStrings.with(keywords) { keywordPointers in
            CStrings.with(values) { valuePointers in
                PQconnectdbParams(keywordPointers, valuePointers, 1)
            }
        }
        guard let connection else { throw .connection(reason: "libpq could not allocate a connection") }
        guard PQstatus(connection) == CONNECTION_OK else {
            let reason = Connection.firstLine(PQerrorMessage(connection))
            PQfinish(connection)
            throw .connection(reason: reason)
        }
        handle = connection
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
    }

    deinit { PQfinish(handle) }

    /// Throws unless `url` is a connection string libpq reads and holds no password.
    public static func checkedURL(_ url: String) throws(PostgreSQLError) {
        try loadLibrary()
        var error: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(url, &error) else {
            let reason = error.map { String(cString: $0) } ?? "libpq could not read it"
            if let error { PQfreemem(error) }
            throw .invalidURL(reason: firstLine(reason))
        }
        defer { PQconninfoFree(options) }
        var option = options
        while let keyword = option.pointee.keyword {
            if String(cString: keyword) == "password", option.pointee.val != nil {
                throw .invalidURL(
                    reason: "it holds a password; remove it and put the password in PGPASSWORD or ~/.pgpass")
            }
            option += 1
        }
    }

    /// Loads libpq the first time a connection or a URL needs it (`CLibPQ`: it is not linked into porch).
    static func loadLibrary() throws(PostgreSQLError) {
        guard clibpq_load() == 1 else { throw .libraryMissing(reason: String(cString: clibpq_load_error())) }
    }

    /// `url` without anything after the database name and without a password, for messages.
    public static func redacted(_ url: String) -> String {
        guard let scheme = url.firstRange(of: "://") else { return "a PostgreSQL database" }
        var rest = url[scheme.upperBound...]
        if let query = rest.firstIndex(of: "?") { rest = rest[..<query] }
        if let at = rest.lastIndex(of: "@") {
            let credentials = rest[..<at]
            let user = credentials.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
            rest = Substring(user + "@" + rest[rest.index(after: at)...])
        }
        return String(url[..<scheme.upperBound]) + rest
    }

    /// True while the connection is usable.
    public var isOpen: Bool { PQstatus(handle) == CONNECTION_OK }

    /// The server process serving this connection (its LISTEN/NOTIFY sender id).
    public var serverProcessID: Int32 { PQbackendPID(handle) }

    /// Runs one statement (`$1`, `$2`… for the parameters) and returns its rows.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [Value] = []) throws(PostgreSQLError) -> Rows {
        let texts = parameters.map(\.wireText)
        let result = CStrings.withOptional(texts) { pointers in
            PQexecParams(handle, sql, Int32(texts.count), nil, pointers, nil, nil, 0)
        }
        return try rows(of: result)
    }

    /// Runs one statement like ``execute(_:_:)``, prepared on this connection the first time it is seen, so the
    /// server parses and plans it once per connection rather than once per call (the queue's statements repeat
    /// for every post of a batch). Statements past the first 256 distinct ones run unprepared.
    @discardableResult
    public func executePrepared(_ sql: String, _ parameters: [Value] = []) throws(PostgreSQLError) -> Rows {
        guard let name = try preparedName(for: sql, parameterCount: parameters.count) else {
            return try execute(sql, parameters)
        }
        let texts = parameters.map(\.wireText)
        let result = CStrings.withOptional(texts) { pointers in
            PQexecPrepared(handle, name, Int32(texts.count), pointers, nil, nil, 0)
        }
        return try rows(of: result)
    }

    /// The server-side name `sql` is prepared under, preparing it now if it is new; nil once the cache is full.
    private func preparedName(for sql: String, parameterCount: Int) throws(PostgreSQLError) -> String? {
        if let name = prepared[sql] { return name }
        guard prepared.count < 256 else { return nil }
        let name = "porch_\(prepared.count)"
        _ = try rows(of: PQprepare(handle, name, sql, Int32(parameterCount), nil))
        prepared[sql] = name
        return name
    }

    /// Runs several statements with no parameters in one round trip (schema scripts).
    public func executeScript(_ sql: String) throws(PostgreSQLError) {
        _ = try rows(of: PQexec(handle, sql))
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    public func transaction<T>(
        isolation: String = "READ COMMITTED", _ body: (Connection) throws -> T
    ) throws -> T {
        try execute("BEGIN ISOLATION LEVEL \(isolation)")
        do {
            let result = try body(self)
            try execute("COMMIT")
            return result
        } catch {
            if isOpen { _ = try? execute("ROLLBACK") }
            throw error
        }
    }

    // MARK: - LISTEN/NOTIFY

    /// One notification: its channel and payload, and the server process that sent it.
    public struct Notification: Sendable, Equatable {
        public let channel: String
        public let payload: String
        public let senderProcessID: Int32
    }

    /// Starts listening on `channel` (a plain identifier).
    public func listen(_ channel: String) throws(PostgreSQLError) {
        try execute("LISTEN " + Connection.quotedIdentifier(channel))
    }

    /// Sends `payload` on `channel`; delivered when the sending transaction commits.
    public func notify(_ channel: String, payload: String) throws(PostgreSQLError) {
        try execute("SELECT pg_notify($1, $2)", [.text(channel), .text(payload)])
    }

    /// The notifications that have arrived, waiting up to `timeout` seconds for the first one (0: do not wait).
    public func notifications(waiting timeout: Double) throws(PostgreSQLError) -> [Notification] {
        var received = try drainNotifications()
        if !received.isEmpty || timeout <= 0 { return received }
        var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
        guard descriptor.fd >= 0 else { throw .connectionLost(reason: "the connection has no socket") }
        let ready = poll(&descriptor, 1, Int32((timeout * 1000).rounded(.up)))
        if ready > 0 { received = try drainNotifications() }
        return received
    }

    /// The socket libpq reads, for a caller that waits on it beside other descriptors (a terminal).
    public var socket: Int32 { PQsocket(handle) }

    private func drainNotifications() throws(PostgreSQLError) -> [Notification] {
        guard PQconsumeInput(handle) == 1 else {
            throw .connectionLost(reason: Connection.firstLine(PQerrorMessage(handle)))
        }
        var received: [Notification] = []
        while let notify = PQnotifies(handle) {
            received.append(
                Notification(
                    channel: String(cString: notify.pointee.relname),
                    payload: notify.pointee.extra.map { String(cString: $0) } ?? "",
                    senderProcessID: notify.pointee.be_pid))
            PQfreemem(notify)
        }
        return received
    }

    // MARK: - Plumbing

    private func rows(of result: OpaquePointer?) throws(PostgreSQLError) -> Rows {
        guard let result else {
            throw .connectionLost(reason: Connection.firstLine(PQerrorMessage(handle)))
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            break
        default:
            let state = PQresultErrorField(result, clibpq_diag_sqlstate()).map { String(cString: $0) }
            let primary = PQresultErrorField(result, clibpq_diag_message_primary()).map { String(cString: $0) }
            if state == nil || PQstatus(handle) != CONNECTION_OK {
                throw .connectionLost(reason: Connection.firstLine(primary ?? String(cString: PQerrorMessage(handle))))
            }
            throw .statement(sqlState: state ?? "XX000", message: primary ?? "unknown error")
        }
        let columnCount = Int(PQnfields(result))
        let rowCount = Int(PQntuples(result))
        let columns = (0..<columnCount).map { String(cString: PQfname(result, Int32($0))) }
        var values: [[String?]] = []
        values.reserveCapacity(rowCount)
        for row in 0..<Int32(rowCount) {
            values.append(
                (0..<Int32(columnCount)).map { column in
                    PQgetisnull(result, row, column) == 1 ? nil : String(cString: PQgetvalue(result, row, column))
                })
        }
        let affected = Int(String(cString: PQcmdTuples(result))) ?? 0
        return Rows(columns: columns, values: values, affected: affected)
    }

    static func firstLine(_ message: UnsafePointer<CChar>?) -> String {
        firstLine(message.map { String(cString: $0) } ?? "")
    }

    static func firstLine(_ message: String) -> String {
        let line = message.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
        return line.isEmpty ? "no reason given" : line
    }

    /// `name` as a double-quoted SQL identifier.
    public static func quotedIdentifier(_ name: String) -> String {
        "\"" + name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}

/// C string arrays that live for the length of one libpq call.
enum CStrings {
    static func with<T>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> T) -> T {
        var pointers: [UnsafePointer<CChar>?] = strings.map { UnsafePointer(strdup($0)) }
        pointers.append(nil)
        defer { for pointer in pointers { free(UnsafeMutablePointer(mutating: pointer)) } }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    static func withOptional<T>(_ strings: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> T) -> T {
        let pointers: [UnsafePointer<CChar>?] = strings.map { $0.map { UnsafePointer(strdup($0)) } }
        defer { for pointer in pointers { free(UnsafeMutablePointer(mutating: pointer)) } }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress) }
    }
}
