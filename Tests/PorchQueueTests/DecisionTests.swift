import Foundation
import Testing

@testable import PorchQueue

@Suite struct DecisionTests {
    /// A queue with one post in each undecided state; returns (pending, escalated, held) ids.
    func undecided(_ queue: Queue) throws -> (pending: Int64, escalated: Int64, held: Int64) {
        let pending = try submitOne(queue, plainPost("pending post"))
        let escalated = try submitOne(queue, plainPost("escalated post"))
        try queue.escalate(id: escalated, note: "needs a senior", actor: "mod")
        let held = try submitOne(queue, plainPost("held post", held: "match limit reached in pii.address"))
        return (pending, escalated, held)
    }

    @Test func approveMintsARandomEntryIdAndPurgesTheOriginal() throws {
        let scratch = try Scratch()
        let queue = try scratch.openQueue()
        let (pending, escalated, _) = try undecided(queue)
        let first = try queue.approve(id: pending, actor: "ana", at: Date(timeIntervalSince1970: 1_800_000_000))
        let second = try queue.approve(id: escalated, actor: "ben")
        #expect(first.state == .approved && second.state == .approved)
        #expect(first.originalText == nil && second.originalText == nil)
        #expect(first.decidedBy == "ana" && first.approvedAt == Date(timeIntervalSince1970: 1_800_000_000))
        let entry = try #require(first.entryID)
        #expect(entry.hasPrefix("urn:uuid:"))
        #expect(UUID(uuidString: String(entry.dropFirst("urn:uuid:".count))) != nil)
        #expect(first.entryID != second.entryID)
        #expect(first.version == 2)
    }

    @Test func rejectNeedsAReasonAndWorksFromEveryUndecidedState() throws {
        let scratch = try Scratch()
        let queue = try scratch.openQueue()
        let (pending, escalated, held) = try undecided(queue)
        #expect(throws: QueueError.self) { try queue.reject(id: pending, reason: " ", actor: "mod") }
        for id in [pending, escalated, held] {
            let post = try queue.reject(id: id, reason: "shares another member's story", actor: "mod")
            #expect(post.state == .rejected)
            #expect(post.rejectReason == "shares another member's story")
            #expect(post.originalText == nil)
            #expect(post.heldReason == nil)
        }
    }

    @Test func spamWorksFromEveryUndecidedState() throws {
        let scratch = try Scratch()
        let queue = try scratch.openQueue()
        let (pending, escalated, held) = try undecided(queue)
        for id in [pending, escalated, held] {
            let post = try queue.markSpam(id: id, actor: "mod")
            #expect(post.state == .spam && post.originalText == nil)
        }
    }

    @Test func aHeldPostIsNeverApprovedDirectly() throws {
        let scratch = try Scratch()
        let queue = try scratch.openQueue()
        let (_, _, held) = try undecided(queue)
        do {
            try queue.approve(id: held, actor: "mod")
            Issue.record("a held post was approved")
        } catch let QueueError.notAllowed(id, _, state, reason) {
            #expect(id == held && state == .held)
            #expect(reason.contains("match limit reached in pii.address"))
            #expect(reason.contains("edit"))
        }
        #expect(try queue.post(id: held).state == .held)
        #expect(throws: QueueError.self) { try queue.escalate(id: held, actor: "mod") }
    }

    @Test func aPostIsNeverDecidedTwice() throws {
        let scratch = try Scratch()
        let queue = try scratch.openQueue()
        let ids = try queue.submit((1...3).map { plainPost("post \($0)") }, actor: "intake").compactMap(\.id)
        try queue.approve(id: ids[0], actor: "ana")
        try queue.reject(id: ids[1], reason: "off topic", actor: "ana")
        try queue.markSpam(id: ids[2], actor: "ana")
        for id in ids {
            let before = try queue.post(id: id)
            #expect(throws: QueueError.self) { try queue.approve(id: id, actor: "ben") }
            #expect(throws: QueueError.self) { try queue.reject(id: id, reason: "again", actor: "ben") }
            #expect(throws: QueueError.self) { try queue.markSpam(id: id, actor: "ben") }
            #expect(throws: QueueError.self) { try queue.escalate(id: id, actor: "ben") }
            #expect(throws: QueueError.self) {
                try queue.edit(id: id, screening: Screening(scrubbedText: "x", originalText: "x"), actor: "ben")
            }
            #expect(try queue.post(id: id) == before)
        }
        do {
            try queue.approve(id: ids[0], actor: "ben")
        } catch let error as QueueError {
            #expect(error.description.contains("already approved by ana"))
            #expect(error.description.contains("never decided twice"))
        }
    }

    @Test func escalateOnlyFromPendingAndEscalatedPostsCanStillBeDecided() throws {
        let scratch = try Scratch()
        let queue = try scratch.openQueue()
        let (_, escalated, _) = try undecided(queue)
        let post = try queue.post(id: escalated)
        #expect(post.state == .escalated && post.originalText == "escalated post")
        #expect(throws: QueueError.self) { try queue.escalate(id: escalated, actor: "mod") }
        #expect(try queue.history(id: escalated).last?.detail == "escalated for a senior moderator: needs a senior")
        #expect(try queue.reject(id: escalated, reason: "senior said no", actor: "lead").state == .rejected)
    }

    @Test func editReplacesTheScreeningAndKeepsTheStateRules() throws {
        let scratch = try Scratch()
        let queue = try scratch.openQueue()
        let (pending, escalated, held) = try undecided(queue)
        let clean = screening(before: "We moved to ", secret: "Leeds", after: " last spring", level: .concern)
        let edited = try queue.edit(id: pending, screening: clean, actor: "mod")
        #expect(edited.state == .pending && edited.version == 2)
        #expect(edited.scrubbedText == clean.scrubbedText && edited.originalText == clean.originalText)
        #expect(edited.redactions == clean.redactions && edited.crisisLevel == .concern)
        #expect(edited.contentHash == "hash-author-pseudonym-pending post")
        #expect(try queue.edit(id: escalated, screening: clean, actor: "mod").state == .escalated)

        var stillFailing = clean
        stillFailing.heldReason = "match limit reached in pii.address"
        #expect(try queue.edit(id: held, screening: stillFailing, actor: "mod").state == .held)
        let released = try queue.edit(id: held, screening: clean, actor: "mod")
        #expect(released.state == .pending && released.heldReason == nil)
        #expect(try queue.approve(id: held, actor: "mod").state == .approved)
        #expect(try queue.edit(id: pending, screening: stillFailing, actor: "mod").state == .held)

        var badOffsets = clean
        badOffsets.redactions[0].outputEnd = 10_000
        #expect(throws: QueueError.self) { try queue.edit(id: escalated, screening: badOffsets, actor: "mod") }
    }

    @Test func historyRecordsEveryStepWithWhoWhenAndWhat() throws {
        let scratch = try Scratch()
        let queue = try scratch.openQueue()
        let id = try submitOne(queue, post(screening(before: "Hi, I'm ", secret: "Rosalind", after: "."), hash: "h"))
        let t = Date(timeIntervalSince1970: 1_750_000_000)
        try queue.escalate(id: id, actor: "ana", at: t)
        try queue.restore(id: id, redactionIndex: 0, actor: "ben", at: t + 1)
        try queue.edit(
            id: id, screening: Screening(scrubbedText: "Hi all.", originalText: "Hi all."), actor: "cy", at: t + 2)
        try queue.approve(id: id, actor: "dee", at: t + 3)
        try queue.markPublished([PublishMark(id: id, textHash: "abc")], actor: "publisher", at: t + 4)
        let history = try queue.history(id: id)
        #expect(history.map(\.action) == [.submitted, .escalated, .restored, .edited, .approved, .published])
        #expect(history.map(\.actor) == ["intake", "ana", "ben", "cy", "dee", "publisher"])
        #expect(history.map(\.fromState) == [nil, .pending, .escalated, .escalated, .escalated, .approved])
        #expect(history.map(\.toState) == [.pending, .escalated, .escalated, .escalated, .approved, .published])
        #expect(history.dropFirst().map(\.at) == [t, t + 1, t + 2, t + 3, t + 4])
        #expect(history[2].detail.contains("pii.name") && history[2].detail.contains("[name 1]"))
        #expect(history[4].detail.contains("original text purged"))
        #expect(Set(history.map(\.postID)) == [id])
    }

    @Test func twoModeratorsOnTheSameFileOneWinsTheOtherIsToldWhoAndWhat() throws {
        let scratch = try Scratch()
        let ana = try scratch.openQueue()
        let ben = try scratch.openQueue()
        let id = try submitOne(ana, plainPost("a post both opened"))
        let seenByAna = try ana.post(id: id)
        let seenByBen = try ben.post(id: id)
        try ben.approve(id: id, actor: "ben", expectedVersion: seenByBen.version)
        do {
            try ana.reject(id: id, reason: "off topic", actor: "ana", expectedVersion: seenByAna.version)
            Issue.record("a stale decision was accepted")
        } catch let QueueError.conflict(conflictID, expected, current, changedBy, lastAction, state) {
            #expect(conflictID == id && expected == 1 && current == 2)
            #expect(changedBy == "ben" && lastAction == "approved" && state == .approved)
        }
        let message = QueueError.conflict(
            id: id, expectedVersion: 1, currentVersion: 2, changedBy: "ben", lastAction: "approved",
            state: .approved
        ).description
        #expect(message.contains("ben") && message.contains("approved") && message.contains("Refresh"))
        let final = try ana.post(id: id)
        #expect(final.state == .approved && final.decidedBy == "ben")
        #expect(try ana.history(id: id).filter { $0.action == .rejected }.isEmpty)
    }

    @Test func concurrentDecisionsFromManyThreadsDecideEachPostOnce() async throws {
        let scratch = try Scratch()
        let setup = try scratch.openQueue()
        let ids = try setup.submit((1...20).map { plainPost("race \($0)") }, actor: "intake").compactMap(\.id)
        let open = scratch.opener
        let wins = try await withThrowingTaskGroup(of: Int.self) { group in
            for moderator in 0..<4 {
                group.addTask {
                    let queue = try open()
                    var won = 0
                    for id in ids {
                        do {
                            if moderator % 2 == 0 {
                                try queue.approve(id: id, actor: "mod\(moderator)", expectedVersion: 1)
                            } else {
                                try queue.reject(id: id, reason: "r", actor: "mod\(moderator)", expectedVersion: 1)
                            }
                            won += 1
                        } catch QueueError.conflict, QueueError.notAllowed {}
                    }
                    return won
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(wins == ids.count)
        for id in ids {
            let decisions = try setup.history(id: id).filter { $0.action != .submitted }
            #expect(decisions.count == 1)
        }
    }
}
