import Foundation
import GRDB
import PorchModel
import Testing

@testable import PorchQueue

/// The crisis and spam matches a post is stored with: rows beside its redactions, read back as values and kept
/// placed in the scrubbed text whatever moves it.
@Suite struct RuleMatchTests {
    /// "Ana said she has the pills saved, call 555-0100" with the name and the number scrubbed, one crisis match
    /// ("has the pills saved", between the two redactions) and one spam match (on the number).
    func flagged(held: String? = nil) -> Screening {
        let original = "Ana said she has the pills saved, call 555-0100"
        let scrubbed = "[name 1] said she has the pills saved, call [phone 1]"
        return Screening(
            scrubbedText: held == nil ? scrubbed : "", originalText: original,
            redactions: held != nil
                ? []
                : [
                    StoredRedaction(
                        rule: "pii.name", type: "NAME", start: 0, end: 3, placeholder: "[name 1]", outputStart: 0,
                        outputEnd: 8),
                    StoredRedaction(
                        rule: "pii.phone", type: "PHONE", start: 39, end: 47, placeholder: "[phone 1]",
                        outputStart: 44, outputEnd: 53),
                ],
            matches: [
                RuleMatch(
                    lane: .crisis, rule: "crisis.suicide.means-kept", category: "suicide", level: .crisis,
                    context: ["third-person"], start: 13, end: 32),
                RuleMatch(lane: .spam, rule: "spam.phone", score: 1.5, start: 39, end: 47),
            ],
            crisisLevel: .crisis, crisisCategories: ["suicide"], verdictJSON: "{}", heldReason: held)
    }

    @Test func matchesComeBackAsTheyWereStoredPlacedInTheScrubbedText() throws {
        let scratch = try Scratch()
        let queue = try scratch.openQueue()
        let id = try submitOne(queue, post(flagged(), hash: "h"))
        let stored = try queue.post(id: id)
        #expect(stored.matches.map(\.lane) == [.crisis, .spam])
        let crisis = try #require(stored.matches.first)
        #expect(crisis.rule == "crisis.suicide.means-kept")
        #expect(crisis.category == "suicide" && crisis.level == .crisis && crisis.context == ["third-person"])
        #expect(crisis.start == 13 && crisis.end == 32)
        #expect(excerpt(crisis, stored.scrubbedText) == "has the pills saved")
        // A match on a scrubbed span covers its placeholder, never the text that was there.
        let spam = stored.matches[1]
        #expect(spam.score == 1.5)
        #expect(excerpt(spam, stored.scrubbedText) == "[phone 1]")
        // The review's list reads them in bulk, the same values.
        #expect(try queue.list().first { $0.id == id }?.matches == stored.matches)
    }

    @Test func restoringARedactionMovesTheMatchesAfterIt() throws {
        let scratch = try Scratch()
        let queue = try scratch.openQueue()
        let id = try submitOne(queue, post(flagged(), hash: "h"))
        let restored = try queue.restore(id: id, redactionIndex: 0, actor: "mod")
        #expect(restored.scrubbedText == "Ana said she has the pills saved, call [phone 1]")
        #expect(restored.matches.map { excerpt($0, restored.scrubbedText) } == ["has the pills saved", "[phone 1]"])
        #expect(try queue.post(id: id).matches == restored.matches)
    }

    @Test func anEditReplacesTheMatches() throws {
        let scratch = try Scratch()
        let queue = try scratch.openQueue()
        let id = try submitOne(queue, post(flagged(), hash: "h"))
        let calmer = Screening(scrubbedText: "feeling calmer today", originalText: "feeling calmer today")
        let edited = try queue.edit(id: id, screening: calmer, actor: "mod")
        #expect(edited.matches.isEmpty)
        #expect(try queue.post(id: id).matches.isEmpty)
    }

    @Test func aHeldPostKeepsItsMatchesWithNoPlaceInText() throws {
        let scratch = try Scratch()
        let queue = try scratch.openQueue()
        let id = try submitOne(queue, post(flagged(held: "pii: a rule hit its match limit"), hash: "h"))
        let stored = try queue.post(id: id)
        #expect(stored.state == .held)
        #expect(stored.matches.map(\.rule) == ["crisis.suicide.means-kept", "spam.phone"])
        #expect(stored.matches.allSatisfy { $0.outputStart == nil && $0.outputEnd == nil })
    }

    @Test func aMatchOutsideTheTextIsRefused() throws {
        var screening = flagged()
        screening.matches[0].end = 500
        let problem = try #require(screening.problem())
        #expect(problem.contains("crisis match 1") && problem.contains("crisis.suicide.means-kept"))
        let scratch = try Scratch()
        let queue = try scratch.openQueue()
        let outcomes = try queue.submit([post(screening, hash: "h")], actor: "intake")
        guard case .refused = outcomes.first else {
            Issue.record("a post with a match outside its text was stored: \(outcomes)")
            return
        }
    }

    /// A queue written before matches had rows kept them only in each post's verdict JSON: opening it copies them
    /// out, placed in the text as it is now (here after a restore moved it).
    @Test(.enabled(if: TestStore.isSQLite, "the SQLite file itself"))
    func openingAnOlderQueueCopiesTheMatchesOutOfTheVerdictJSON() throws {
        let scratch = try Scratch()
        let verdictJSON = """
            {"id":null,"text":"[name 1] said she has the pills saved, call [phone 1]","crisis":{"level":"crisis",\
            "categories":["suicide"],"matches":[{"rule":"crisis.suicide.means-kept","category":"suicide",\
            "level":"crisis","context":["third-person"],"start":13,"end":32,"output_start":18,"output_end":37}]},\
            "spam":{"verdict":"ham","score":1.5,"threshold":5,"suspect_threshold":3,"matches":[{"rule":"spam.phone",\
            "score":1.5,"start":39,"end":47,"output_start":44,"output_end":53}]}}
            """
        var screening = flagged()
        screening.verdictJSON = verdictJSON
        let quiet = Screening(
            scrubbedText: "a quiet day", originalText: "a quiet day",
            verdictJSON: #"{"crisis":{"level":"none","matches":[]},"spam":{"verdict":"ham","matches":[]}}"#)
        let (id, quietID) = try {
            let queue = try scratch.openQueue()
            let id = try submitOne(queue, post(screening, hash: "h"))
            let quietID = try submitOne(queue, post(quiet, hash: "q"))
            try queue.restore(id: id, redactionIndex: 0, actor: "mod")
            // Back to the schema before version 5: no match rows, the JSON alone.
            try queue.database.write { db in
                try db.execute(sql: "DROP TABLE rule_match")
                try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v5-rule-matches'")
            }
            return (id, quietID)
        }()
        let reopened = try scratch.openQueue()
        let migrated = try reopened.post(id: id)
        #expect(migrated.matches.map(\.rule) == ["crisis.suicide.means-kept", "spam.phone"])
        #expect(migrated.matches[0].context == ["third-person"] && migrated.matches[0].level == .crisis)
        #expect(migrated.matches[1].score == 1.5)
        #expect(migrated.matches.map { excerpt($0, migrated.scrubbedText) } == ["has the pills saved", "[phone 1]"])
        #expect(try reopened.post(id: quietID).matches.isEmpty)
    }

    private func excerpt(_ match: RuleMatch, _ text: String) -> String? {
        guard let start = match.outputStart, let end = match.outputEnd else { return nil }
        return String(String.UnicodeScalarView(Array(text.unicodeScalars)[start..<end]))
    }
}
