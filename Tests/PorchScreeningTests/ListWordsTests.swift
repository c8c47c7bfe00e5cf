import PCRE2
import Testing

@testable import PorchScreening

/// The list-word prefilter: a PII rule whose group must be a word of a list (`in_list`) is skipped on posts
/// without such a word, and never where it would find something.
@Suite struct ListWordsTests {
    let words = ListWords(lists: [
        .init(name: "names", words: ["mark", "lily", "will"], excluded: [["will"]]),
        .init(name: "other names", words: ["jess"], excluded: []),
    ])

    @Test func findsTheListsWithAWordInAnyCaseAndCapitalised() {
        let hits = words.scan(Array("my husband Mark and jess".utf8))
        #expect(hits.anyCase == 0b11)
        #expect(hits.capitalised == 0b01)
        #expect(words.scan(Array("LILY".utf8)).capitalised == 0b01)
        #expect(words.scan(Array("lily".utf8)).capitalised == 0)
        // A word of an excluded list is no word of the list.
        #expect(words.scan(Array("Will".utf8)).anyCase == 0)
    }

    @Test func aWordInsideALongerWordIsNotTheWord() {
        for text in ["Markham", "remark", "lilys", "jessamy", "mark2"] where text != "mark2" {
            #expect(words.scan(Array(text.utf8)).anyCase == 0, "\(text)")
        }
        // A digit ends a word: "mark2" holds the word "mark".
        #expect(words.scan(Array("mark2".utf8)).anyCase == 0b01)
    }

    @Test func aWordWithANonASCIIByteCountsForEveryList() {
        for text in ["Zoë", "Mark’s", "naïve", "x\u{00A0}y"] {
            let hits = words.scan(Array(text.utf8))
            #expect(hits.anyCase == 0b11 && hits.capitalised == 0b11, "\(text)")
        }
    }

    @Test(
        arguments: [
            ("Mark’s dad", "Mark", true),
            ("Markham", "Mark", false),
            ("éMark", "Mark", false),
            ("(Mark)", "Mark", true),
            ("Ma-rk", "Ma-rk", false),
            ("Zoë said", "Zoë", true),
            ("Zoëlle", "Zoë", false),
            ("7Mark", "Mark", true),
        ] as [(String, String, Bool)])
    func aListCheckTakesOnlyAWholeWordOfLetters(text: String, group: String, expected: Bool) throws {
        let bytes = Array(text.utf8)
        let start = try #require(text.utf8.firstRange(of: group.utf8))
        let range =
            text.utf8.distance(
                from: text.utf8.startIndex, to: start.lowerBound)..<text.utf8.distance(
                from: text.utf8.startIndex, to: start.upperBound)
        #expect(ListWords.isWholeWord(range, in: bytes) == expected)
    }

    @Test(
        arguments: [
            (#"\b(?<name>\p{Lu}\p{Ll}+)\b"#, true),
            (#"(?<name>(?<word>\p{Lu}\p{Ll}+))"#, true),
            (#"(?<name>[A-Z][a-z]+)"#, false),
            (#"(?|a(?<name>\p{Lu}\w+)|b(?<name>[a-z]+))"#, false),
            (#"(?<other>\p{Lu}+)"#, false),
        ] as [(String, Bool)])
    func aGroupStartsWithACapitalOnlyWhenThePatternSaysSo(pattern: String, expected: Bool) {
        #expect(Scrubber.ListCheck.startsWithCapital(group: "name", in: pattern) == expected)
    }

    /// `\p{Lu}` is what the capital gate relies on: PCRE2 keeps it to capitals even in caseless matching.
    @Test func pcre2KeepsUppercaseClassesToCapitalsInCaselessMatching() throws {
        let regex = try Regex(#"(?i)\p{Lu}"#, options: [.caseless])
        #expect(try Matcher().firstMatch(of: regex, in: Subject("mark")) == nil)
        #expect(try Matcher().firstMatch(of: regex, in: Subject("mArk")) != nil)
    }

    @Test func theNameRulesAreSkippedOnPostsWithoutANameAndRunWhereOneIs() throws {
        let screener = try RealRules.screener()
        // The first PII rule the list words gate on a capitalised word of a list (gates are given out in rule
        // order, at most `ListWords.maximumLists` of them).
        let gated = try #require(
            screener.scrubber.entries.first { entry in
                !entry.plan.lists.isEmpty && entry.inList.contains { $0.capitalised && $0.wholeWord }
            })
        let check = try #require(gated.inList.first { $0.capitalised && $0.wholeWord })
        let word = try #require(check.words.filter { $0.allSatisfy(\.isLetter) && $0.count > 3 }.min())
        let capitalised = word.prefix(1).uppercased() + word.dropFirst()
        let matcher = Matcher()
        let lowerCase = screener.prepare("thanks, everyone. i have \(word) today.", matcher: matcher)
        #expect(!gated.plan.listsMayMatch(lowerCase.facts))
        #expect(gated.plan.listsMayMatch(screener.prepare("Thanks, \(capitalised).", matcher: matcher).facts))
        #expect(try RealRules.scrub("Thanks, Priya.").text == "Thanks, [name 1].")
    }

    /// Against the rules themselves: on texts built from names in every case, relation words, signatures, letters
    /// outside ASCII and punctuation, no rule the list words rule out would have found anything.
    @Test func theListWordsNeverSkipARuleThatFindsSomething() throws {
        let screener = try RealRules.screener()
        let matcher = Matcher()
        let pieces = [
            "Lily", "LILY", "lily", "Mark", "mark", "Zoë", "Sinéad", "Saoirse", "jess", "Parker", "hope", "Hope",
            "my husband ", "my daughter ", "Thanks, ", "I'm ", "I am ", "love, ", "- ", "Dr. ", "nurse ", "Little ",
            "’s", "'s", " is 4 months", " (3 weeks)", ", ", ". ", "\n", " x", "é", "-", "ham", " ", " ", "\u{00A0}",
            "if you know ", "Kim", "Alvarez", "caldwell", "rivera", "7", "Will", "May",
        ]
        var generator = SeededRandom(seed: 2026)
        var found = 0
        for _ in 0..<3000 {
            let text = generator.text(of: 2...9, from: pieces)
            let prepared = screener.prepare(text, matcher: matcher)
            #expect(screener.scrubber.listGateMisses(in: prepared, matcher: matcher).isEmpty, "\(text)")
            found += screener.scrub(text, matcher: matcher).redactions.count
        }
        #expect(found > 100)
    }
}
