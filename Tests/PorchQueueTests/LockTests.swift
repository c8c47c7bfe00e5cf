import Foundation
import GRDB
import Testing

@testable import PorchQueue

@Suite(.enabled(if: TestStore.isSQLite, "the SQLite file itself")) struct LockTests {
    @Test func aLockHeldByAnotherConnectionEndsInATypedErrorAfterABoundedWait() throws {
        let scratch = try Scratch()
        let queue = try scratch.openQueue(busyTimeout: 0.3)
        _ = try submitOne(queue, plainPost("before the lock"))
        let holder = try lockHolder(scratch)
        try holder.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
        do {
            _ = try queue.submit([plainPost("while locked")], actor: "intake")
            Issue.record("wrote through another process's lock")
        } catch let error as QueueError {
            #expect(error == .locked(path: scratch.databasePath, waitedSeconds: 0.3))
            #expect(error.description.contains("locked by another porch process"))
        }
        // Readers are not blocked by a writer in WAL mode.
        #expect(try queue.counts()[.pending] == 1)
        try holder.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") }
        #expect(try queue.submit([plainPost("after the lock")], actor: "intake").first?.id != nil)
        #expect(try queue.counts()[.pending] == 2)
    }

    @Test func aShortLockIsWaitedOut() throws {
        let scratch = try Scratch()
        let queue = try scratch.openQueue(busyTimeout: 10)
        let holder = try lockHolder(scratch)
        try holder.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
        let released = DispatchSemaphore(value: 0)
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) {
            try? holder.writeWithoutTransaction { db in try db.execute(sql: "COMMIT") }
            released.signal()
        }
        #expect(try queue.submit([plainPost("waits its turn")], actor: "intake").first?.id != nil)
        released.wait()
    }

    /// A plain connection allowed to leave a transaction open, standing in for another porch process.
    func lockHolder(_ scratch: Scratch) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        return try DatabaseQueue(path: scratch.databasePath, configuration: configuration)
    }
}
