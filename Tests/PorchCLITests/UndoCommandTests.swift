import Foundation
import Testing

/// `porch undo ID` and its alias `porch revert ID`: the review's `z`, from the shell.
@Suite struct UndoCommandTests {
    private static let routine = "Does anyone else find the 4pm witching hour the hardest part of the day?"

    @Test func undoTakesBackTheLastDecisionWithTheReviewsHistoryEntry() throws {
        let fixture = try DecisionFixture()
        defer { fixture.remove() }
        let ids = try fixture.submitIDs((1...3).map { ["text": "\(Self.routine) Post number \($0)."] })

        #expect(try fixture.run(["approve", String(ids[0]), "--as", "alice"]).status == 0)
        let undone = try fixture.run(["undo", String(ids[0]), "--as", "alice"])
        #expect(undone.status == 0, "\(undone.stderr)")
        #expect(undone.stdout.contains("#\(ids[0]): last decision taken back by alice; it is pending again"))
        let shown = try fixture.show(ids[0])
        #expect(shown["state"] as? String == "pending")
        let last = try #require((shown["history"] as? [[String: Any]])?.last)
        #expect(last["action"] as? String == "reverted")
        #expect(last["from"] as? String == "approved")
        #expect(last["to"] as? String == "pending")
        #expect(last["actor"] as? String == "alice")

        // `revert` is the same command; an escalated post goes back to pending, a rejected one too.
        #expect(try fixture.run(["escalate", String(ids[1])]).status == 0)
        #expect(try fixture.run(["reject", String(ids[2]), "--reason", "off topic"]).status == 0)
        let both = try fixture.run(["revert", String(ids[1]), String(ids[2])])
        #expect(both.status == 0, "\(both.stderr)")
        #expect(try fixture.show(ids[1])["state"] as? String == "pending")
        #expect(try fixture.show(ids[2])["state"] as? String == "pending")
    }

    @Test func nothingToTakeBackOrAlreadyPublishedIsRefused() throws {
        let fixture = try DecisionFixture()
        defer { fixture.remove() }
        let ids = try fixture.submitIDs([["text": Self.routine], ["text": Self.routine + " Second."]])

        let pending = try fixture.run(["undo", String(ids[0])])
        #expect(pending.status == 1)
        #expect(pending.stderr.contains("there is no decision to take back"))

        #expect(try fixture.run(["approve", String(ids[1])]).status == 0)
        #expect(try fixture.run(["publish"]).status == 0)
        let published = try fixture.run(["undo", String(ids[1])])
        #expect(published.status == 1)
        #expect(published.stderr.contains("it is already in the feed"))
        #expect(try fixture.show(ids[1])["state"] as? String == "published")

        let missing = try fixture.run(["undo", "999999"])
        #expect(missing.status == 1)
    }
}
