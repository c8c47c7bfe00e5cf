import Foundation
import PorchModel
import Testing
@testable import PorchQueue

@Suite struct RestoreTests {
    /// "Call Ana on 555-0100 or ana@example.org" scrubbed with three redactions.
    func threeRedactions() -> Screening {
        let original = "Call Ana on 555-0100 or ana@example.org"
        let scrubbed = "Call [name 1] on [phone 1] or [email 1]"
        return Screening(
            scrubbedText: scrubbed, originalText: original,
            redactions: [
                StoredRedaction(
                    rule: "pii.name", type: "NAME", start: 5, end: 8, placeholder: "[name 1]", outputStart: 5,
                    outputEnd: 13),
                StoredRedaction(
                    rule: "pii.phone", type: "PHONE", start: 12, end: 20, placeholder: "[phone 1]", outputStart: 17,
                    outputEnd: 26),
                StoredRedaction(
                    rule: "pii.email", type: "EMAIL", start: 24, end: 39, placeholder: "[email 1]", outputStart: 30,
                    outputEnd: 39),
            ])
    }

    @Test func restoringPutsTheSpanBackAndShiftsTheRedactionsAfterIt() throws {
        let scratch = try Scratch()
        let queue = try scratch.openQueue()
        let id = try submitOne(queue, post(threeRedactions(), hash: "h"))
        let afterFirst = try queue.restore(id: id, redactionIndex: 0, actor: "mod")
        #expect(afterFirst.scrubbedText == "Call Ana on [phone 1] or [email 1]")
        #expect(afterFirst.redactions.map(\.rule) == ["pii.phone", "pii.email"])
        #expect(afterFirst.redactions.map(\.outputStart) == [12, 25])
        let afterEmail = try queue.restore(id: id, redactionIndex: 1, actor: "mod")
        #expect(afterEmail.scrubbedText == "Call Ana on [phone 1] or ana@example.org")
        #expect(afterEmail.redactions.map(\.rule) == ["pii.phone"])
        #expect(afterEmail.version == 3)
        #expect(afterEmail.originalText == "Call Ana on 555-0100 or ana@example.org")
    }

    @Test func aRestoredValueStaysRestoredWhenThePostIsScreenedAgain() throws {
        let scratch = try Scratch()
        let queue = try scratch.openQueue()
        let id = try submitOne(queue, post(threeRedactions(), hash: "h"))
        try queue.restore(id: id, redactionIndex: 0, actor: "mod")
        // An edit screened again finds "Ana" once more (and a new number): the name stays as the moderator left it.
        let edited = "Call Ana on [phone 1] or [email 1]; Ana again at 555-0199"
        let rescreened = Screening(
            scrubbedText: "Call [name 1] on [phone 1] or [email 1]; [name 1] again at [phone 2]",
            originalText: edited,
            redactions: [
                StoredRedaction(
                    rule: "pii.name", type: "NAME", start: 5, end: 8, placeholder: "[name 1]", outputStart: 5,
                    outputEnd: 13),
                StoredRedaction(
                    rule: "pii.name", type: "NAME", start: 36, end: 39, placeholder: "[name 1]", outputStart: 41,
                    outputEnd: 49),
                StoredRedaction(
                    rule: "pii.phone", type: "PHONE", start: 49, end: 57, placeholder: "[phone 2]", outputStart: 59,
                    outputEnd: 68),
            ])
        #expect(rescreened.problem() == nil)
        let after = try queue.edit(id: id, screening: rescreened, actor: "mod")
        #expect(after.scrubbedText == "Call Ana on [phone 1] or [email 1]; Ana again at [phone 2]")
        #expect(after.redactions.map(\.rule) == ["pii.phone"])
        #expect(after.redactions.first?.outputStart == 49)
    }

    @Test func restoreHandlesScalarsBeyondASCII() throws {
        let original = "Tá Siobhán 👩‍👧 ag 087 123 4567 anois"
        let before = "Tá Siobhán 👩‍👧 ag "
        let phone = "087 123 4567"
        let scrubbed = before + "[phone 1] anois"
        let start = before.unicodeScalars.count
        let screening = Screening(
            scrubbedText: scrubbed, originalText: original,
            redactions: [
                StoredRedaction(
                    rule: "pii.phone.ie", type: "PHONE", start: start, end: start + phone.unicodeScalars.count,
                    placeholder: "[phone 1]", outputStart: start, outputEnd: start + 9)
            ])
        let scratch = try Scratch()
        let queue = try scratch.openQueue()
        let id = try submitOne(queue, post(screening, hash: "h"))
        #expect(try queue.restore(id: id, redactionIndex: 0, actor: "mod").scrubbedText == original)
    }

    @Test func restoreIsImpossibleAfterADecisionOrForAMissingRedaction() throws {
        let scratch = try Scratch()
        let queue = try scratch.openQueue()
        let id = try submitOne(queue, post(threeRedactions(), hash: "h"))
        #expect(throws: QueueError.self) { try queue.restore(id: id, redactionIndex: 3, actor: "mod") }
        #expect(throws: QueueError.self) { try queue.restore(id: id, redactionIndex: -1, actor: "mod") }
        try queue.approve(id: id, actor: "mod")
        do {
            try queue.restore(id: id, redactionIndex: 0, actor: "mod")
            Issue.record("restored after the original was purged")
        } catch let QueueError.restoreImpossible(_, reason) {
            #expect(reason.contains("purged"))
        }
    }

    @Test func restoreRefusesWhenThePlaceholderIsNoLongerWhereItWas() throws {
        var moved = threeRedactions()
        moved.scrubbedText = "Call [name 1]!! on [phone 1] or [email 1]"
        #expect(throws: RedactionRestorer.Failure.self) {
            try RedactionRestorer.restore(
                index: 1, in: moved.scrubbedText, original: moved.originalText, redactions: moved.redactions)
        }
    }
}
