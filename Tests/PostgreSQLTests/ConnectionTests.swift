import Foundation
import PostgreSQL
import Testing

/// Run against a live server: `PORCH_TEST_POSTGRES_URL` (scripts/postgres-cluster.sh prints one; `make test` sets it).
let serverURL = ProcessInfo.processInfo.environment["PORCH_TEST_POSTGRES_URL"]

@Suite(.enabled(if: serverURL != nil, "set PORCH_TEST_POSTGRES_URL (scripts/postgres-cluster.sh start)"))
struct ConnectionTests {
    let url = serverURL ?? ""

    @Test func parametersRoundTripAsTheyWereSent() throws {
        let connection = try Connection(url: url)
        let rows = try connection.execute(
            "SELECT $1::text AS t, $2::bigint AS i, $3::float8 AS r, $4::boolean AS b, $5::text AS n",
            [
                .text("Grüße 👩‍👧 'quoted' \"double\""), .integer(-9_007_199_254_740_993), .real(0.25), .boolean(true),
                .null,
            ])
        let row = try #require(rows.first)
        #expect(row.text("t") == "Grüße 👩‍👧 'quoted' \"double\"")
        #expect(row.integer("i") == -9_007_199_254_740_993)
        #expect(row.real("r") == 0.25)
        #expect(row.boolean("b") == true)
        #expect(row.text("n") == nil)
    }

    @Test func aThrownTransactionIsRolledBack() throws {
        let connection = try Connection(url: url)
        let table = "t_\(UInt32.random(in: 0...UInt32.max))"
        try connection.execute("CREATE TABLE \(table) (x int)")
        defer { _ = try? connection.execute("DROP TABLE \(table)") }
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try connection.transaction { connection in
                try connection.execute("INSERT INTO \(table) VALUES (1)")
                throw Stop()
            }
        }
        try connection.transaction { try $0.execute("INSERT INTO \(table) VALUES (2)") }
        let rows = try connection.execute("SELECT x FROM \(table)")
        #expect(rows.all.map { $0.integer("x") } == [2])
        #expect(try connection.execute("UPDATE \(table) SET x = 3").affected == 1)
    }

    @Test func aFailedStatementGivesItsStateAndNeverTheRowsValues() throws {
        let connection = try Connection(url: url)
        let table = "u_\(UInt32.random(in: 0...UInt32.max))"
        try connection.execute("CREATE TABLE \(table) (secret text UNIQUE)")
        defer { _ = try? connection.execute("DROP TABLE \(table)") }
        try connection.execute("INSERT INTO \(table) VALUES ($1)", ["Jane Doe 555-0142"])
        do {
            try connection.execute("INSERT INTO \(table) VALUES ($1)", ["Jane Doe 555-0142"])
            Issue.record("a duplicate key was accepted")
        } catch {
            guard case .statement(let state, let message) = error else {
                Issue.record("expected a statement error, got \(error)")
                return
            }
            #expect(state == "23505")
            // The server's DETAIL line quotes the value; Porch keeps only the primary message.
            #expect(!error.description.contains("Jane"))
            #expect(!message.contains("555"))
        }
    }

    @Test func aURLWithAPasswordIsRefusedWithoutQuotingIt() {
        #expect {
            try Connection.checkedURL("postgres://porch:hunter2@127.0.0.1:1/db")
        } throws: { error in
            let text = "\(error)"
            return text.contains("PGPASSWORD") && !text.contains("hunter2")
        }
        #expect(throws: Never.self) { try Connection.checkedURL("postgres://porch@127.0.0.1:5432/db") }
    }

    @Test func aMissingLibpqSaysWhatToInstallAndIsNotRetried() {
        let error = PostgreSQLError.libraryMissing(reason: "libpq.so.5: cannot open shared object file")
        #expect(error.description.contains("apt-get install libpq5"))
        #expect(error.description.contains("SQLite"))
        #expect(!error.isTransient)
    }

    @Test func anUnreachableServerIsAConnectionError() {
        #expect {
            _ = try Connection(url: "postgres://porch@127.0.0.1:1/db?connect_timeout=2")
        } throws: { error in
            guard let error = error as? PostgreSQLError, case .connection = error else { return false }
            return error.isTransient
        }
    }

    @Test func aListenerHearsACommittedNotification() throws {
        let listener = try Connection(url: url)
        let sender = try Connection(url: url)
        let channel = "porch_test_\(UInt32.random(in: 0...UInt32.max))"
        try listener.listen(channel)
        try sender.transaction { connection in
            try connection.notify(channel, payload: "post 42")
            // Not delivered before the commit.
            #expect(try listener.notifications(waiting: 0.2).isEmpty)
        }
        let received = try listener.notifications(waiting: 5)
        #expect(received.map(\.payload) == ["post 42"])
        #expect(received.first?.channel == channel)
        #expect(received.first?.senderProcessID == sender.serverProcessID)
    }

    @Test func aServerSideDisconnectIsTransient() throws {
        let victim = try Connection(url: url)
        let killer = try Connection(url: url)
        try killer.execute("SELECT pg_terminate_backend($1)", [.integer(Int64(victim.serverProcessID))])
        #expect {
            try victim.execute("SELECT 1")
        } throws: { error in
            (error as? PostgreSQLError)?.isTransient == true
        }
        #expect(!victim.isOpen)
    }
}
