/// A failure reported by libpq or the server.
///
/// Messages are the server's primary message only: its DETAIL line can quote a row's values (a post's text in a
/// unique-key violation), so it is never kept. A connection string is never quoted either, since it may hold a
/// password.
public enum PostgreSQLError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The server could not be reached or refused the login; `reason` is libpq's first line.
    case connection(reason: String)
    /// A statement failed; `sqlState` is the five-character SQLSTATE code (`40001` serialization failure, …).
    case statement(sqlState: String, message: String)
    /// The connection broke while a statement ran (server restart, network); the statement may or may not have
    /// committed.
    case connectionLost(reason: String)
    /// The URL given for the database is not one this store reads.
    case invalidURL(reason: String)
    /// libpq, which porch loads when a group first uses PostgreSQL, is not installed; `reason` is the loader's.
    case libraryMissing(reason: String)

    public var description: String {
        switch self {
        case .connection(let reason): return "cannot connect to PostgreSQL: \(reason)"
        case .statement(let state, let message): return "PostgreSQL error \(state): \(message)"
        case .connectionLost(let reason): return "the connection to PostgreSQL was lost: \(reason)"
        case .invalidURL(let reason): return "not a PostgreSQL URL Porch can use: \(reason)"
        case .libraryMissing(let reason):
            return "PostgreSQL needs libpq, which could not be loaded (\(reason)); install it (Debian and Ubuntu: "
                + "apt-get install libpq5) or keep the queue in SQLite"
        }
    }

    /// True where trying the same work again on a new connection may succeed: the connection dropped, the server is
    /// starting or shutting down, or a transaction lost a serialization race or a deadlock.
    public var isTransient: Bool {
        switch self {
        case .connection, .connectionLost: return true
        case .statement(let state, _):
            return state == "40001" || state == "40P01" || state.hasPrefix("08") || state == "57P01"
                || state == "57P02" || state == "57P03"
        case .invalidURL, .libraryMissing: return false
        }
    }

    /// True when another transaction holds the row or lock this one asked for without waiting (`55P03`).
    public var isLockNotAvailable: Bool {
        if case .statement(let state, _) = self { return state == "55P03" }
        return false
    }
}
