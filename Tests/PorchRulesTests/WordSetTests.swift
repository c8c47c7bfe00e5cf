import Foundation
import Testing

@testable import PorchRules

/// A word list as read from `lists/NAME.txt`: what is an entry, and what `contains` finds.
@Suite struct WordSetTests {
    @Test func entriesAreLowerCasedTrimmedAndCommentsAndBlankLinesSkipped() {
        let words = WordList.parse("# given names\nSiobhan\n  Wojciech \t# a comment\n\nSIOBHAN\r\nÉamon\n")
        #expect(words.count == 3)
        #expect(words.contains("siobhan") && words.contains("wojciech") && words.contains("éamon"))
        #expect(!words.contains("Siobhan"))
        #expect(!words.contains("siobha") && !words.contains("siobhann") && !words.contains(""))
        #expect(words == ["éamon", "wojciech", "siobhan"])
    }

    @Test func aDecomposedAccentIsTheSameWord() {
        // "é" written as "e" and a combining acute, in the list and in the question.
        let words = WordList.parse("rene\u{301}e\nzoë\n")
        #expect(words.contains("renée"))
        #expect(words.contains("zoe\u{308}"))
        #expect(!words.contains("renee"))
    }

    @Test func aWordWithAccentsIsFoundByItsPlainLettersWhenOnlyThoseAreListed() {
        let words = WordList.parse("gabor\nlukasz\ncafe\nsiobhán\n")
        #expect(words.containsIgnoringAccents("gábor") && words.containsIgnoringAccents("łukasz"))
        #expect(words.containsIgnoringAccents("café") && words.containsIgnoringAccents("cafe\u{301}"))
        #expect(words.containsIgnoringAccents("siobhán"))
        // Only the question loses its accents, never the list: a plain word does not find an accented entry.
        #expect(!words.containsIgnoringAccents("siobhan"))
        #expect(!words.containsIgnoringAccents("gábriel") && !words.containsIgnoringAccents("zoë"))
    }

    @Test func manyEntriesAreAllFoundAndNothingElseIs() {
        let entries = (0..<5_000).map { "word\($0)" }
        let words = WordList.parse(entries.joined(separator: "\n"))
        #expect(words.count == 5_000)
        #expect(entries.allSatisfy { words.contains($0) })
        #expect(!(5_000..<5_100).contains { words.contains("word\($0)") })
        #expect(Set(words) == Set(entries))
    }

    /// A prepared rules file's word lists are read where the file is mapped, at whatever offset they lie, and
    /// copied only when changed.
    @Test func aTableReadInPlaceFromAMappedFileIsTheTableItWasStoredFrom() throws {
        let entries = (0..<3_000).map { "name\($0)" } + ["siobhán", "o'neill"]
        let words = WordList.parse(entries.joined(separator: "\n"))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("words-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        // One byte before and after: the table's ends and slots lie unaligned, as in a prepared file.
        let written = Data([0x2A] + words.stored + [0x2A])
        try written.write(to: URL(fileURLWithPath: path))
        let file = try #require(MappedFile(path: path))
        let stored = UnsafeRawBufferPointer(rebasing: file.bytes[1..<file.bytes.count - 1])
        var inPlace = try #require(WordSet(stored: stored, in: file))
        #expect(inPlace.count == words.count && inPlace == words && inPlace.stored == words.stored)
        #expect(entries.allSatisfy { inPlace.contains($0) })
        #expect(!inPlace.contains("name3000") && !inPlace.contains("siobhan"))

        // A change copies the table out first: the set has the new word, the file is as it was.
        inPlace.insert("name3000")
        #expect(inPlace.contains("name3000") && inPlace.count == words.count + 1)
        #expect(entries.allSatisfy { inPlace.contains($0) })
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == written)

        // Bytes that are not a whole table, or that lie outside the file, are refused.
        #expect(
            WordSet(stored: UnsafeRawBufferPointer(rebasing: file.bytes[1..<file.bytes.count - 2]), in: file) == nil)
        words.stored.withUnsafeBytes { #expect(WordSet(stored: $0, in: file) == nil) }
    }
}
