import Foundation
import PCRE2
import Testing

@testable import PorchScreening

/// Screening many posts at once (rule by rule over the batch) gives exactly what screening them one by one gives.
@Suite struct BatchScreeningTests {
    /// The seed posts and the evaluation set: crisis, concern, spam, PII and plain posts side by side.
    static func posts() throws -> [String] {
        let root = URL(fileURLWithPath: RealRules.directory).deletingLastPathComponent()
        var texts: [String] = []
        for file in ["seeds/posts.jsonl", "Tests/Evaluation/screening-eval.jsonl"] {
            let lines = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8).split(
                separator: "\n")
            texts += lines.compactMap { line in
                (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["text"] as? String
            }
        }
        return texts
    }

    @Test func aBatchGivesTheVerdictsOfOneByOne() throws {
        let screener = try RealRules.screener()
        let texts = try BatchScreeningTests.posts()
        #expect(texts.count > 300)
        let known = texts.indices.map { index in
            KnownIdentifiers(names: index % 3 == 0 ? ["Jess Parker"] : [], addresses: [])
        }
        let matcher = Matcher()
        let batch = screener.screen(texts, known: known, region: "GB", matcher: matcher)
        let single = texts.indices.map { screener.screen(texts[$0], known: known[$0], region: "GB", matcher: matcher) }
        #expect(batch.count == texts.count)
        for index in texts.indices {
            #expect(batch[index].json(id: "\(index)") == single[index].json(id: "\(index)"), "post \(index)")
        }
        #expect(batch.contains { $0.crisis.level == .crisis } && batch.contains { $0.spam.isSpam })
        let scrubbed = screener.scrub(texts, matcher: matcher)
        for index in texts.indices {
            #expect(scrubbed[index].json(id: nil) == screener.scrub(texts[index], matcher: matcher).json(id: nil))
        }
    }

    /// The screener a one-post command builds (no prefilters, patterns run by PCRE2's interpreter) gives the verdicts
    /// of the full one, every lane, and PII only as `porch scrub` builds it.
    @Test func aScreenerForOnePostGivesTheSameVerdicts() throws {
        let full = try RealRules.screener()
        let rules = try #require(RealRules.loaded?.rules)
        let onePost = try Screener(rules: rules, prefilters: false)
        let onePostPII = try Screener(rules: rules.piiOnly, prefilters: false)
        let texts = try BatchScreeningTests.posts()
        let matcher = Matcher()
        for (index, text) in texts.enumerated() {
            let expected = full.screen(text, region: "GB", matcher: matcher)
            #expect(
                onePost.screen(text, region: "GB", matcher: matcher).json(id: nil) == expected.json(id: nil),
                "post \(index)")
            #expect(
                onePostPII.scrub(text, matcher: matcher).json(id: nil) == expected.scrub.json(id: nil), "post \(index)")
        }
    }

    /// A post a rule cannot finish on is held alone: the posts around it in the batch are screened as usual.
    @Test func aHeldPostDoesNotHoldItsNeighbours() throws {
        let screener = try RealRules.screener()
        let texts = try Array(BatchScreeningTests.posts().prefix(80))
        // So small a match limit stops some rules on some posts, not on others.
        let tight = Matcher(matchLimit: 300)
        let batch = screener.screen(texts, matcher: tight)
        let single = texts.map { screener.screen($0, matcher: tight) }
        let held = batch.filter { $0.hold != nil }.count
        #expect(held > 0 && held < texts.count, "the limit should hold some posts, not all (\(held) held)")
        for index in texts.indices {
            #expect(batch[index].json(id: nil) == single[index].json(id: nil), "post \(index)")
        }
    }
}
