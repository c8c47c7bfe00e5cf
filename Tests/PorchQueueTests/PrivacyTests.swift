import Foundation
import GRDB
import PostgreSQL
import Testing

@testable import PorchQueue

@Suite struct PrivacyTests {
    enum Decision: CaseIterable { case approve, reject, spam }

    func decide(_ decision: Decision, _ queue: Queue, _ id: Int64) throws {
        switch decision {
        case .approve: try queue.approve(id: id, actor: "mod")
        case .reject: try queue.reject(id: id, reason: "off topic", actor: "mod")
        case .spam: try queue.markSpam(id: id, actor: "mod")
        }
    }

    /// Every text value in every table, for checking what the database still says anywhere.
    func everyStoredText(_ queue: Queue, _ scratch: Scratch) throws -> String {
        if case .postgres(let url) = TestStore.current {
            let connection = try Connection(url: url)
            let schema = PostgresStore.schemaName(forGroup: scratch.group)
            var all = ""
            let tables = try connection.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = $1", [.text(schema)])
            for table in tables.all.compactMap({ $0.text("table_name") }) {
                let name = Connection.quotedIdentifier(schema) + "." + Connection.quotedIdentifier(table)
                for row in try connection.execute("SELECT t::text FROM \(name) t").all {
                    all += (row.text(at: 0) ?? "") + "\n"
                }
            }
            return all
        }
        return try queue.database.read { db in
            var all = ""
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
            for table in tables {
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"") {
                    for value in row.databaseValues { all += value.description + "\n" }
                }
            }
            return all
        }
    }

    @Test(arguments: Decision.allCases)
    func theOriginalTextIsPurgedFromTheFilesWhenAPostIsDecided(_ decision: Decision) throws {
        let scratch = try Scratch()
        let queue = try scratch.openQueue()
        let secret = "Zephyrine-Quokkaline-\(decision)"
        let id = try submitOne(
            queue, post(screening(before: "Ring me, I am ", secret: secret, after: " from the clinic."), hash: "h"))
        let other = try submitOne(queue, plainPost("an unrelated pending post"))
        try queue.truncateJournal()
        if TestStore.isSQLite {
            #expect(try fileContains(scratch.databasePath, secret), "the test must see the text before the purge")
        } else {
            #expect(try everyStoredText(queue, scratch).contains(secret), "the test must see the text before the purge")
        }

        try decide(decision, queue, id)
        #expect(try queue.post(id: id).originalText == nil)
        #expect(try queue.post(id: other).originalText == "an unrelated pending post")
        #expect(!(try everyStoredText(queue, scratch).contains(secret)))
        for file in [scratch.databasePath, scratch.databasePath + "-wal"] {
            #expect(!(try fileContains(file, secret)), "the original text lingers in \(file)")
        }
    }

    @Test(.enabled(if: TestStore.isSQLite, "the SQLite file itself")) func noTableAllowsADecidedPostToKeepItsOriginal()
        throws
    {
        let scratch = try Scratch()
        let queue = try scratch.openQueue()
        let id = try submitOne(queue, plainPost("kept while pending"))
        try queue.approve(id: id, actor: "mod")
        #expect(throws: (any Error).self) {
            try queue.database.write { db in
                try db.execute(sql: "UPDATE post SET originalText = 'sneaked back' WHERE id = ?", arguments: [id])
            }
        }
    }

    @Test func historyAndEveryTableNeverHoldTheRestoredOrRemovedText() throws {
        let scratch = try Scratch()
        let queue = try scratch.openQueue()
        let secret = "Bartholomew-Quince"
        let id = try submitOne(
            queue, post(screening(before: "My son ", secret: secret, after: " is four today."), hash: "h"))
        try queue.restore(id: id, redactionIndex: 0, actor: "mod")
        #expect(try queue.post(id: id).scrubbedText == "My son \(secret) is four today.")
        for entry in try queue.history(id: id) {
            #expect(!entry.detail.contains(secret) && !entry.actor.contains(secret))
        }
        try queue.reject(id: id, reason: "names a child", actor: "mod")
        // Rejected: the scrubbed text (which now holds the restored name) is what remains; the original is gone
        // and the history never held either.
        let everything = try everyStoredText(queue, scratch)
        let historyText = try queue.history(id: id).map { "\($0.actor) \($0.action) \($0.detail)" }.joined()
        #expect(!historyText.contains(secret))
        #expect(!historyText.contains("My son"))
        #expect(everything.components(separatedBy: secret).count - 1 == 1)
    }

    @Test(.enabled(if: TestStore.isSQLite, "the SQLite file itself")) func theHistoryTableIsAppendOnly() throws {
        let scratch = try Scratch()
        let queue = try scratch.openQueue()
        let id = try submitOne(queue, plainPost("post"))
        #expect(throws: (any Error).self) {
            try queue.database.write { db in try db.execute(sql: "UPDATE history SET actor = 'forged'") }
        }
        #expect(throws: (any Error).self) {
            try queue.database.write { db in try db.execute(sql: "DELETE FROM history") }
        }
        #expect(try queue.history(id: id).map(\.actor) == ["intake"])
    }

    @Test func errorMessagesNameIdsNotText() throws {
        let scratch = try Scratch()
        let queue = try scratch.openQueue()
        let secret = "Octavia-Lindqvist"
        let id = try submitOne(queue, post(screening(before: "I am ", secret: secret, after: "."), hash: "h"))
        try queue.approve(id: id, actor: "mod")
        var messages: [String] = []
        for attempt in [
            { try queue.restore(id: id, redactionIndex: 0, actor: "mod") },
            { try queue.approve(id: id, actor: "mod") },
            { try queue.reject(id: id, reason: "x", actor: "mod", expectedVersion: 1) },
        ] as [() throws -> Post] {
            do {
                _ = try attempt()
            } catch {
                messages.append("\(error)")
            }
        }
        #expect(messages.count == 3)
        for message in messages { #expect(!message.contains(secret) && message.contains("\(id)")) }
    }
}
