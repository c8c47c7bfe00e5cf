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

    /// A post scrubbed before and then edited holds placeholders: "[postcode 1]" names no postcode of its own.
    @Test func aPlaceholderIsOneWordAndNeverACue() throws {
        #expect(try !found(["postcode"], before: 6, after: 0, in: "see [postcode 1] 2150", match: "2150"))
        #expect(try !found(["postcode"], before: 0, after: 3, in: "2150 and [postcode 1]", match: "2150"))
        #expect(try !found(["id number"], before: 4, after: 0, in: "my [id number 2] X1", match: "X1"))
        // Labels in capitals are the scrubber's too ("[IBAN 1]", "[ID number 2]"): found by the fuzzer, where the
        // IBAN placeholder became the cue for a code ten words on.
        #expect(try !found(["iban"], before: 6, after: 0, in: "pay to [IBAN 1] and ght 901234", match: "ght 901234"))
        #expect(try !found(["id number"], before: 4, after: 0, in: "my [ID number 2] X1", match: "X1"))
        // A placeholder fills one place of the window, so a cue beyond it still counts.
        #expect(try found(["postcode"], before: 2, after: 0, in: "postcode [postcode 1] 2150", match: "2150"))
        #expect(try !found(["postcode"], before: 1, after: 0, in: "postcode [postcode 1] 2150", match: "2150"))
        // Only the scrubber's shape is a placeholder: the word in other brackets still counts.
        #expect(try found(["postcode"], before: 3, after: 0, in: "(postcode) 2150", match: "2150"))
        #expect(try found(["postcode"], before: 3, after: 0, in: "[Postcode: 1] 2150", match: "2150"))
        #expect(try found(["postcode"], before: 3, after: 0, in: "[postcode] 2150", match: "2150"))
    }
}
