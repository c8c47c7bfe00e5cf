import Foundation
import PCRE2
import PorchRules
import Testing

@testable import PorchScreening

/// A one-post command's screener gates its rules with `KeywordSearch` and the gates an earlier command kept
/// (`Screener.Gates` in a prepared folder): it must find every keyword the scanner finds and give every verdict the
/// full screener gives, whether its gates were read from the patterns now or decoded from a kept file.
@Suite struct OnePostGatesTests {
    /// Every word the real rules gate on.
    static func ruleKeywords() throws -> [String] {
        let rules = try #require(RealRules.loaded?.rules)
        var words = Set<String>()
        for rule in rules.rules {
            if let gate = try? RulePlan(rule.matcher).words { words.formUnion(gate.words) }
        }
        return words.sorted()
    }

    @Test func theSearchFindsWhatTheScannerFinds() throws {
        let keywords = try OnePostGatesTests.ruleKeywords()
        #expect(keywords.count > 1000)
        #expect(keywords.contains { $0.utf8.contains { $0 >= 0x80 } }, "the rules' words include some outside ASCII")
        let scanner = KeywordScanner(keywords: keywords)
        let search = KeywordSearch(keywords: keywords)
        let texts =
            try BatchScreeningTests.posts() + [
                "KILL \t\n\r ME", "kill\u{A0}\u{3000}me", "Il ne RESPIRE plus, bébé tout bleu", "Я НЕ ХОЧУ ЖИТЬ",
                "오늘 밤 끝낼 거야", "🩸🩸 everywhere", "", " ", "a", "call 0800 111 999 or e-mail me@x.org",
            ]
        var compared = 0
        for (index, text) in texts.enumerated() {
            let bytes = Array(text.utf8)
            let found = scanner.scan(bytes)
            let searched = search.scan(bytes)
            let differing = keywords.indices.filter { found.contains(Int32($0)) != searched.contains(Int32($0)) }
            #expect(differing.isEmpty, "text \(index): \(differing.prefix(5).map { keywords[$0] })")
            compared += keywords.indices.count { found.contains(Int32($0)) }
        }
        #expect(compared > 1000, "the texts should hold many keywords (\(compared) found)")
    }

    @Test func keptGatesGiveTheVerdictsOfTheFullScreener() throws {
        let full = try RealRules.screener()
        let rules = try #require(RealRules.loaded?.rules)
        let onePost = try Screener(rules: rules, prefilters: false)
        let gates = try #require(onePost.keptGates)
        // Through the bytes a prepared folder keeps, and back.
        let decoded = try #require(gates.encoded.withUnsafeBytes { Screener.Gates(encoded: $0) })
        #expect(decoded == gates)
        let fromKept = try Screener(rules: rules, prefilters: false, gates: decoded)
        #expect(fromKept.keptGates == gates)
        // The posts, and every rule's own examples: the texts each rule must fire on, so a gate that skips a rule
        // where it matches shows.
        let examples = rules.rules.flatMap { $0.matchExamples.map(\.text) }
        let texts = try BatchScreeningTests.posts() + examples
        #expect(examples.count > 1000)
        let matcher = Matcher()
        for (index, text) in texts.enumerated() {
            let expected = full.screen(text, region: "GB", matcher: matcher).json(id: nil)
            #expect(onePost.screen(text, region: "GB", matcher: matcher).json(id: nil) == expected, "text \(index)")
            #expect(fromKept.screen(text, region: "GB", matcher: matcher).json(id: nil) == expected, "text \(index)")
        }
    }

    @Test func damagedGatesAreNotRead() throws {
        let rules = try #require(RealRules.loaded?.rules)
        let bytes = try #require(try Screener(rules: rules.piiOnly, prefilters: false).keptGates).encoded
        #expect(bytes.dropLast().withUnsafeBytes { Screener.Gates(encoded: $0) } == nil)
        #expect((bytes + [0]).withUnsafeBytes { Screener.Gates(encoded: $0) } == nil)
        #expect(KeywordSearch(classes: [1, 2], ends: [3]) == nil)
        #expect(KeywordSearch(classes: [1, 2], ends: [2, 1]) == nil)
    }
}
