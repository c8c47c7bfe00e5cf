import Foundation
import GRDB
import Testing

@testable import PorchQueue

@Suite(.enabled(if: TestStore.isSQLite, "the SQLite file itself")) struct QueueOpeningTests {
    @Test func createsTheSchemaOnAnEmptyFolderAndReopens() throws {
        let scratch = try Scratch()
        do {
            let queue = try scratch.openQueue()
            #expect(try queue.counts().values.reduce(0, +) == 0)
            _ = try submitOne(queue, plainPost("first post"))
        }
        let reopened = try scratch.openQueue()
        #expect(try reopened.counts()[.pending] == 1)
        let tables = try reopened.database.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        }
        #expect(tables.contains("post") && tables.contains("redaction") && tables.contains("history"))
        #expect(tables.contains("kept") && tables.contains("spam_word"))
        let migrations = try reopened.database.read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
        }
        #expect(
            migrations == [
                "v1-posts-redactions-history", "v2-kept-values", "v3-spam-filter", "v4-hidden-note", "v5-rule-matches",
            ])
    }

    @Test func usesWALWithFullSyncAndSecureDelete() throws {
        let scratch = try Scratch()
        let queue = try scratch.openQueue()
        let (journal, synchronous, secureDelete) = try queue.database.read { db in
            (
                try String.fetchOne(db, sql: "PRAGMA journal_mode"),
                try Int.fetchOne(db, sql: "PRAGMA synchronous"),
                try Int.fetchOne(db, sql: "PRAGMA secure_delete")
            )
        }
        #expect(journal == "wal")
        #expect(synchronous == 2)  // FULL
        #expect(secureDelete == 1)
    }

    /// The log is copied into the database every ~40 MB on a roomy disk, and after at most a quarter of the free
    /// space on a small one, so freeing some space is always enough to recover from a full disk.
    @Test func theLogIsSizedToTheDisk() throws {
        #expect(WALBudget.pages(freeBytes: nil, pageSize: 4096) == WALBudget.largest)
        #expect(WALBudget.pages(freeBytes: 100 << 30, pageSize: 4096) == WALBudget.largest)
        #expect(WALBudget.pages(freeBytes: 2 << 20, pageSize: 4096) == 128)
        #expect(WALBudget.pages(freeBytes: 4096, pageSize: 4096) == WALBudget.smallest)
        let scratch = try Scratch()
        let queue = try scratch.openQueue()
        let pages = try queue.database.read { db in try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") }
        let free = try #require(WALBudget.freeBytes(inFolder: scratch.folder.path))
        // Free space moves while other programs write; on a disk with a gigabyte free the cap is the largest.
        #expect((WALBudget.smallest...WALBudget.largest).contains(pages ?? 0))
        if free > 1 << 30 { #expect(pages == WALBudget.largest) }
    }

    @Test func databaseAndItsJournalFilesAreOwnerOnly() throws {
        let scratch = try Scratch()
        let queue = try scratch.openQueue()
        _ = try submitOne(queue, plainPost("makes the journal exist"))
        #expect(try mode(of: scratch.databasePath) == 0o600)
        #expect(FileManager.default.fileExists(atPath: scratch.databasePath + "-wal"))
        #expect(try mode(of: scratch.databasePath + "-wal") == 0o600)
        #expect(try mode(of: scratch.databasePath + "-shm") == 0o600)
    }

    @Test func refusesAFolderOthersCanRead() throws {
        let scratch = try Scratch()
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: scratch.folder.path)
        #expect(
            throws: QueueError.insecurePermissions(
                path: scratch.folder.path, mode: 0o755, fix: "chmod 700 \(scratch.folder.path)")
        ) {
            try scratch.openQueue()
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.databasePath))
    }

    @Test func refusesADatabaseFileOthersCanRead() throws {
        let scratch = try Scratch()
        _ = try scratch.openQueue()
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: scratch.databasePath)
        do {
            _ = try scratch.openQueue()
            Issue.record("a group-readable queue file was opened")
        } catch let error as QueueError {
            #expect(error.description.contains("chmod 600 \(scratch.databasePath)"))
        }
    }

    @Test func reportsAMissingFolderWithTheNextStep() throws {
        let scratch = try Scratch()
        let path = scratch.path("no-such-folder/queue.sqlite")
        #expect(throws: QueueError.folderMissing(path: scratch.path("no-such-folder"))) {
            try Queue(path: path)
        }
        #expect(QueueError.folderMissing(path: "x").description.contains("porch init"))
    }

    @Test func refusesAFileThatIsNotADatabase() throws {
        let scratch = try Scratch()
        _ = FileManager.default.createFile(
            atPath: scratch.databasePath, contents: Data(repeating: 0x41, count: 4096),
            attributes: [.posixPermissions: 0o600])
        do {
            _ = try scratch.openQueue()
            Issue.record("a file that is not a database was opened")
        } catch let error as QueueError {
            guard case .unusableDatabase = error else {
                Issue.record("unexpected error \(error)")
                return
            }
        }
    }

    @Test func refusesADatabaseFromANewerPorch() throws {
        let scratch = try Scratch()
        let queue = try scratch.openQueue()
        try queue.database.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        }
        do {
            _ = try scratch.openQueue()
            Issue.record("a database from a newer porch was opened")
        } catch let error as QueueError {
            #expect(error.description.contains("newer version of porch"))
        }
    }
}
