import Foundation
import PorchModel
import Testing

@testable import PorchQueue

@Suite struct SubmitTests {
    @Test func storesEveryFieldItWasGiven() throws {
        let scratch = try Scratch()
        let queue = try scratch.openQueue()
        var given = post(
            screening(
                before: "My daughter ", secret: "Imogen", after: " started school.", level: .concern,
                categories: ["self-harm", "grief \"quoted\""]),
            hash: "h1", received: Date(timeIntervalSince1970: 1_700_000_123.5))
        given.submittedAt = Date(timeIntervalSince1970: 1_700_000_000.25)
        given.topic = "new parents"
        given.screening.spamScore = 2.75
        let id = try submitOne(queue, given)
        let stored = try queue.post(id: id)
        #expect(stored.state == .pending)
        #expect(stored.version == 1)
        #expect(stored.externalID == "ext-h1")
        #expect(stored.scrubbedText == "My daughter [name 1] started school.")
        #expect(stored.originalText == "My daughter Imogen started school.")
        #expect(stored.redactions == given.screening.redactions)
        #expect(stored.crisisLevel == .concern)
        #expect(stored.crisisCategories == ["self-harm", "grief \"quoted\""])
        #expect(stored.spamVerdict == .ham)
        #expect(stored.spamScore == 2.75)
        #expect(stored.verdictJSON == given.screening.verdictJSON)
        #expect(stored.pseudonym == "p" && stored.alias == "Calm Otter 7")
        #expect(stored.receivedAt == given.receivedAt)
        #expect(stored.submittedAt == given.submittedAt)
        #expect(stored.topic == "new parents")
        #expect(stored.sourceFormat == "jsonl")
        #expect(stored.contentHash == "h1")
        #expect(stored.heldReason == nil && stored.entryID == nil && stored.decidedBy == nil)
    }

    @Test func theSameMessageTwiceIsStoredOnceAndReportedAsDuplicate() throws {
        let scratch = try Scratch()
        let queue = try scratch.openQueue()
        let first = plainPost("I made it through the night")
        let outcomes = try queue.submit([first, plainPost("another post"), first], actor: "intake")
        guard case .stored(let id, .pending) = outcomes[0] else {
            Issue.record("first copy not stored: \(outcomes)")
            return
        }
        #expect(outcomes[2] == .duplicate(of: id))
        #expect(try queue.submit([first], actor: "intake") == [.duplicate(of: id)])
        #expect(try queue.counts()[.pending] == 2)
        #expect(try queue.history(id: id).count == 1)
    }

    @Test func hashesSharingTheirFirst64BitsAreStillDifferentPosts() throws {
        let scratch = try Scratch()
        let queue = try scratch.openQueue()
        let prefix = String(repeating: "ab", count: 8)
        var first = plainPost("first")
        first.contentHash = prefix + String(repeating: "0", count: 48)
        var second = plainPost("second")
        second.contentHash = prefix + String(repeating: "1", count: 48)
        #expect(Queue.dedupeKey(of: first.contentHash) == Queue.dedupeKey(of: second.contentHash))
        let outcomes = try queue.submit([first, second, second], actor: "intake")
        #expect(outcomes[0].id != nil && outcomes[1].id != nil && outcomes[0].id != outcomes[1].id)
        #expect(outcomes[2] == .duplicate(of: try #require(outcomes[1].id)))
        #expect(try queue.counts()[.pending] == 2)
    }

    @Test func aMalformedPostIsRefusedAndTheRestOfTheBatchIsStored() throws {
        let scratch = try Scratch()
        let queue = try scratch.openQueue()
        var broken = post(screening(before: "hi ", secret: "Sam", after: ""), hash: "broken")
        broken.screening.redactions[0].end = 400
        let outcomes = try queue.submit([broken, plainPost("fine")], actor: "intake")
        guard case .refused(let reason) = outcomes[0] else {
            Issue.record("a redaction past the end of the text was accepted")
            return
        }
        #expect(reason.contains("pii.name"))
        #expect(!reason.contains("Sam"))
        #expect(outcomes[1].id != nil)
        #expect(try queue.counts()[.pending] == 1)
    }

    @Test func aPostWithAHeldReasonIsHeldWithTheReasonShown() throws {
        let scratch = try Scratch()
        let queue = try scratch.openQueue()
        let outcomes = try queue.submit(
            [plainPost("undecodable", held: "the input is not valid UTF-8 (line 3)")], actor: "intake")
        guard case .stored(let id, .held) = outcomes[0] else {
            Issue.record("held post stored as \(outcomes)")
            return
        }
        let stored = try queue.post(id: id)
        #expect(stored.state == .held)
        #expect(stored.heldReason == "the input is not valid UTF-8 (line 3)")
        #expect(try queue.history(id: id)[0].detail.contains("held: the input is not valid UTF-8 (line 3)"))
    }

    @Test func anEmptyActorIsRefused() throws {
        let scratch = try Scratch()
        let queue = try scratch.openQueue()
        #expect(throws: QueueError.self) { try queue.submit([plainPost("x")], actor: "  ") }
        #expect(try queue.counts()[.pending] == 0)
    }

    @Test func reviewOrderIsCrisisThenConcernThenOldestFirst() throws {
        let scratch = try Scratch()
        let queue = try scratch.openQueue()
        func at(_ minutes: Double) -> Date { Date(timeIntervalSince1970: 1_700_000_000 + minutes * 60) }
        let posts = [
            plainPost("routine old", level: .none, received: at(0)),
            plainPost("concern late", level: .concern, received: at(30)),
            plainPost("crisis late", level: .crisis, received: at(40)),
            plainPost("routine new", level: .none, received: at(50)),
            plainPost("crisis early", level: .crisis, received: at(10)),
            plainPost("concern early", level: .concern, received: at(20)),
            plainPost("held routine", level: .none, received: at(5), held: "match limit in pii.email"),
        ]
        _ = try queue.submit(posts, actor: "intake")
        let order = try queue.list().map(\.scrubbedText)
        #expect(
            order == [
                "crisis early", "crisis late", "concern early", "concern late", "routine old", "held routine",
                "routine new",
            ])
        #expect(try queue.list(levels: [.crisis]).map(\.scrubbedText) == ["crisis early", "crisis late"])
        #expect(try queue.list(states: [.held]).map(\.scrubbedText) == ["held routine"])
        #expect(try queue.list(limit: 2, offset: 1).map(\.scrubbedText) == ["crisis late", "concern early"])
        #expect(try queue.list(states: []).isEmpty)
    }

    @Test func countsCoverEveryState() throws {
        let scratch = try Scratch()
        let queue = try scratch.openQueue()
        let ids = try queue.submit((1...4).map { plainPost("post \($0)") }, actor: "intake").compactMap(\.id)
        try queue.approve(id: ids[0], actor: "mod")
        try queue.reject(id: ids[1], reason: "off topic", actor: "mod")
        try queue.escalate(id: ids[2], actor: "mod")
        let counts = try queue.counts()
        #expect(counts.count == PostState.allCases.count)
        #expect(counts[.approved] == 1 && counts[.rejected] == 1 && counts[.escalated] == 1)
        #expect(counts[.pending] == 1 && counts[.published] == 0 && counts[.spam] == 0 && counts[.held] == 0)
    }

    @Test func unknownIdsAreReportedAsNotFound() throws {
        let scratch = try Scratch()
        let queue = try scratch.openQueue()
        #expect(throws: QueueError.notFound(id: 42)) { try queue.post(id: 42) }
        #expect(throws: QueueError.notFound(id: 42)) { try queue.history(id: 42) }
        #expect(throws: QueueError.notFound(id: 42)) { try queue.approve(id: 42, actor: "mod") }
    }
}
