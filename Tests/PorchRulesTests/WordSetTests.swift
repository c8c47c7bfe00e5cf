import PorchRules
import Testing

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
}
