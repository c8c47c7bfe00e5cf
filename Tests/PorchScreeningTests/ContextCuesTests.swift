import PCRE2
import PorchRules
import Testing

@testable import PorchScreening

/// The word window of a rule's cue words (`context_before`, `context_after`).
@Suite struct ContextCuesTests {
    func found(_ cues: [String], before: Int, after: Int, in text: String, match: String) throws -> Bool {
        let subject = Subject(text)
        let start = try #require(text.range(of: match)).lowerBound
        let offset = text.utf8.distance(from: text.startIndex, to: start)
        return ContextCues(cues, window: ContextWords(before: before, after: after)).found(
            around: offset..<(offset + match.utf8.count), in: subject)
    }

    @Test func aCueInThePreviousSentenceCounts() throws {
        #expect(try found(["chart"], before: 6, after: 0, in: "Her chart came. It says X1.", match: "X1"))
    }

    @Test func theWindowCountsWordsBothWays() throws {
        #expect(try found(["mrn"], before: 0, after: 3, in: "X1 is my MRN", match: "X1"))
        #expect(try !found(["mrn"], before: 0, after: 2, in: "X1 is my MRN", match: "X1"))
        #expect(try !found(["mrn"], before: 3, after: 0, in: "MRN a b c d X1", match: "X1"))
        #expect(try found(["mrn"], before: 5, after: 0, in: "MRN a b c d X1", match: "X1"))
    }

    @Test func phrasesStemsAndPunctuation() throws {
        #expect(try found(["medical record*"], before: 4, after: 0, in: "medical records: X1", match: "X1"))
        #expect(try found(["d.o.b"], before: 4, after: 0, in: "D.O.B. X1", match: "X1"))
        #expect(try !found(["record number"], before: 4, after: 0, in: "record the number X1", match: "X1"))
        #expect(try !found(["chart"], before: 4, after: 0, in: "charts X1", match: "X1"))
    }
}
