import PorchRules
import Testing

/// `{name}` in patterns and phrases: what is read as a concept and what is left for PCRE2.
@Suite struct ConceptListsTests {
    @Test func namesInBracesAreConceptsButPCRE2BracesAreNot() {
        let references = ConceptLists.references(in: #"\p{Lu}[0-9]{2,3}\{dot\}x{2}{relation}\s+{means-2}"#)
        #expect(references.map(\.name) == ["relation", "means-2"])
    }

    @Test func aConceptExpandsToItsEntriesLongestFirstIgnoringCase() throws {
        let lists: [String: WordSet] = ["self": ["i", "i'm", "kill myself"]]
        let expanded = try ConceptLists.expand(#"\b{self}\b"#, lists: lists).get()
        #expect(expanded == #"\b(?i:kill\s+myself|i'?m|i)\b"#)
    }

    @Test func aFinalStarIsAStemAndSpecialCharactersAreLiteral() {
        #expect(ConceptLists.pattern(forEntry: "overdos*") == "overdos[\\p{L}']*")
        #expect(ConceptLists.pattern(forEntry: "a.m.") == #"a\.m\."#)
    }

    @Test func aMissingListIsNamed() {
        let result = ConceptLists.expand("{nope} and {also-nope}", lists: [:])
        guard case .failure(let missing) = result else {
            Issue.record("expected a failure")
            return
        }
        #expect(missing.names == ["nope", "also-nope"])
    }

    @Test func phrasesWithConceptsKeepWholeWordsAndSpaces() throws {
        let pattern = try PhrasePattern.pattern(forPhrases: ["{self} want to die"], lists: ["self": ["i"]]).get()
        #expect(pattern == #"(?<![\p{L}\p{N}])(?:(?i:i)\s+want\s+to\s+die)(?![\p{L}\p{N}])"#)
    }
}
