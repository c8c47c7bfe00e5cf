import Foundation
import Testing

/// One post's spam verdict as `porch scan --format jsonl` prints it.
struct ScannedSpam {
    let verdict: String
    let score: Double
    let threshold: Double
    /// Rule id and score of every rule that scored.
    let rules: [String: Double]
    let spans: [String: Range<Int>]
    /// The rules whose match was found only inside the quotation marks of a warning, and so scored nothing.
    let quoted: Set<String>

    static func scan(_ texts: [String]) throws -> [ScannedSpam] {
        let input =
            try texts.enumerated().map { index, text in
                let data = try JSONSerialization.data(withJSONObject: ["id": "s\(index)", "text": text])
                return String(decoding: data, as: UTF8.self)
            }.joined(separator: "\n") + "\n"
        // The rules alone: the learned weights are tested in LearningCommandTests.
        let run = try PorchProcess.run(
            ["scan", "--format", "jsonl", "--rules", PorchProcess.rulesWithoutWeights], stdin: input)
        #expect(run.status == 0, "porch scan failed: \(run.stderr)")
        let objects = try run.jsonLines()
        #expect(objects.map { $0["id"] as? String } == texts.indices.map { "s\($0)" })
        return try objects.map { object in
            let spam = try #require(object["spam"] as? [String: Any])
            var rules: [String: Double] = [:]
            var spans: [String: Range<Int>] = [:]
            var quoted: Set<String> = []
            for match in try #require(spam["matches"] as? [[String: Any]]) {
                let rule = try #require(match["rule"] as? String)
                if match["quoted"] as? Bool == true { quoted.insert(rule) }
                rules[rule] = (match["score"] as? NSNumber)?.doubleValue ?? .nan
                if let start = match["start"] as? Int, let end = match["end"] as? Int, start <= end {
                    spans[rule] = start..<end
                }
            }
            return ScannedSpam(
                verdict: try #require(spam["verdict"] as? String),
                score: try #require((spam["score"] as? NSNumber)?.doubleValue),
                threshold: try #require((spam["threshold"] as? NSNumber)?.doubleValue), rules: rules, spans: spans,
                quoted: quoted)
        }
    }

    static func scan(_ text: String) throws -> ScannedSpam { try scan([text])[0] }
}

/// The spam lane through the built `porch scan`: additive scores, every rule listed, ordinary posts left alone.
@Suite struct ScanSpamTests {
    static let spamPosts: [(kind: String, text: String, rule: String)] = [
        (
            "link stuffing", "Loved this! https://a.example.com https://b.example.com and www.c.example.net",
            "spam.link-stuffing"
        ),
        (
            "SEO phrasing", "For more on toddler tantrums, check out this resource: tantrum-tips.example.com",
            "spam.seo-phrasing"
        ),
        (
            "SEO insights", "Parents can visit sleepwise.example.net for expert-backed insights on naps.",
            "spam.seo-phrasing"
        ),
        (
            "product pushing", "This collagen tea fixed my hair loss!!! Link in bio, use code HAIR15 for 15% off",
            "spam.discount"
        ),
        ("MLM", "Hey hun! Ever thought about being a brand ambassador? DM me for details", "spam.mlm-hook"),
        (
            "DM opportunity", "I found an opportunity that lets me stay home. DM me for an opportunity like mine",
            "spam.mlm-opportunity"
        ),
        ("income", "I make £2k a month from home while the baby naps. Ask me how!", "spam.income"),
        ("crypto", "Bitcoin changed our lives, guaranteed returns every week. WhatsApp me", "spam.crypto"),
        (
            "miracle cure", "Doctors hate this: cure your anxiety naturally in 10 days with our miracle supplement",
            "spam.miracle-cure"
        ),
        ("scam", "Congratulations! You've been selected for a free pram. Claim your prize today", "spam.scam"),
        ("repeated text", "Shop now. Shop now. Shop now. Cheapest cots online", "spam.repeated-text"),
        ("shouting", "HUGE NAPPY SALE THIS WEEKEND ONLY click here", "spam.shouting"),
    ]

    @Test(arguments: spamPosts)
    func eachKindOfSpamIsCaughtAndNamesItsRule(kind: String, text: String, rule: String) throws {
        let verdict = try ScannedSpam.scan(text)
        #expect(verdict.verdict == "spam", "\(kind): score \(verdict.score) from \(verdict.rules.keys.sorted())")
        #expect(verdict.rules[rule] != nil, "\(kind)")
        #expect(verdict.score >= verdict.threshold)
    }

    @Test func theVerdictListsEveryRuleThatScoredAndTheirSum() throws {
        let text = "Earn $400 a day from home 💰 Click here: cash-mums.example.com, use code CASH for 10% off!"
        let verdict = try ScannedSpam.scan(text)
        #expect(verdict.verdict == "spam")
        for rule in ["spam.income", "spam.call-to-action", "spam.link", "spam.discount", "spam.hype-marks"] {
            #expect(verdict.rules[rule] != nil, "\(rule)")
        }
        #expect(abs(verdict.rules.values.reduce(0, +) - verdict.score) < 0.001)
        let link = try #require(verdict.spans["spam.link"])
        let scalars = Array(text.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[link])) == "cash-mums.example.com")
    }

    @Test func spamWithoutLinksIsStillSpam() throws {
        let verdicts = try ScannedSpam.scan([
            "Be your own boss mama! Work from your phone 2 hours a day. Message me for details",
            "Join our group for exclusive deals! Join our group for exclusive deals! Join our group for exclusive deals!",
        ])
        #expect(verdicts.map(\.verdict) == ["spam", "spam"])
        #expect(verdicts.allSatisfy { $0.rules["spam.link"] == nil })
    }

    @Test func leetspeakCallsToActionStillCount() throws {
        let verdict = try ScannedSpam.scan("fr33 nappies!!! cl1ck h3re >> nappydeals.example.com")
        #expect(verdict.rules["spam.call-to-action"] != nil)
        #expect(verdict.verdict == "spam")
    }

    @Test func ordinaryRecommendationsAndOfficialLinksAreHam() throws {
        let verdicts = try ScannedSpam.scan([
            "The NHS page on postnatal depression (nhs.uk/mental-health/conditions/post-natal-depression) really helped.",
            "Resources: https://www.nhs.uk/conditions/baby/, postpartum.net, samaritans.org and tommys.org",
            "We bought the Ergobaby carrier second hand and honestly it saved my back. Worth every penny.",
            "Has anyone tried a sleep consultant? The one our friend used charged £200 and it worked for them.",
            "I make £1,500 a month on maternity pay and it's so tight. Any tips for cheap nappies?",
            "dm me if you want to talk, I've been there",
            "I am SO tired. THANK YOU all for the kind words!!!",
        ])
        for (index, verdict) in verdicts.enumerated() {
            #expect(
                verdict.verdict == "ham", "post \(index): score \(verdict.score) from \(verdict.rules.keys.sorted())")
        }
        #expect(verdicts[0].rules.isEmpty)
        #expect(verdicts[1].rules.isEmpty)
    }

    @Test func oneEverydaySignalAloneStaysBelowTheThreshold() throws {
        let verdict = try ScannedSpam.scan("I found this helpful: babysleep.example.com")
        #expect(verdict.rules["spam.link"] != nil)
        #expect(verdict.verdict == "ham")
        #expect(verdict.score < verdict.threshold)
    }

    /// A member who quotes a scam to warn of it, or to ask whether it is one, is not spamming; the same words
    /// posted on their own are; and a warning with a contact of its own outside the quotation marks ("beware of
    /// fakes, the genuine one is ...") is the recovery scam, still spam.
    @Test func aScamQuotedInAWarningScoresNothing() throws {
        let scam =
            "Congratulations! You've been chosen for a free luxury baby hamper, just £1.99 postage, enter your card details."
        let verdicts = try ScannedSpam.scan([
            "Is this a scam? '\(scam)' It came through a link someone posted here.",
            "Warning: got this DM after my post: “Hello dear, I am Dr Osagie, a powerful herbalist, I can help you "
                + "conceive again, WhatsApp me.” Blocked and reported. Please don't answer these.",
            scam,
            "'\(scam)'",
            "Beware of fake spell casters! The only genuine one is 'Dr Osagie', WhatsApp +234 555 0123 and he will "
                + "help you conceive.",
        ])
        for (index, verdict) in verdicts[0...1].enumerated() {
            #expect(verdict.verdict == "ham", "post \(index): \(verdict.rules)")
            #expect(verdict.rules["spam.scam-warning"] != nil)
            #expect(!verdict.quoted.isEmpty, "post \(index): the quoted scam's rules are listed, marked quoted")
            for rule in verdict.quoted { #expect(verdict.rules[rule] == 0, "\(rule) scored inside the quotation") }
        }
        #expect(verdicts[0].quoted.contains("spam.phishing"))
        #expect(verdicts[2].verdict == "spam" && verdicts[2].quoted.isEmpty)
        #expect(verdicts[3].verdict == "spam", "quotation marks alone, with no warning, change nothing")
        #expect(verdicts[4].verdict == "spam", "\(verdicts[4].rules)")
        #expect(verdicts[4].quoted.isEmpty)
    }

    /// With the shipped weights: a warning that quotes an income scam reads like spam to the weights, which may
    /// raise it to suspect and no further; the same scam posted on its own is still spam.
    @Test func theWeightsRaiseAWarningToSuspectAtMost() throws {
        let scam =
            "Earn £500 a week from home, DM me the word BOSS, limited spots, my team is growing, link in bio"
        let texts = [
            "Heads up ladies, this keeps popping up in my inbox: '\(scam)'. Please don't engage.",
            scam + " 💸💸 #workfromhome #mumboss",
        ]
        let input =
            try texts.enumerated().map { index, text in
                let data = try JSONSerialization.data(withJSONObject: ["id": "w\(index)", "text": text])
                return String(decoding: data, as: UTF8.self)
            }.joined(separator: "\n") + "\n"
        let run = try PorchProcess.run(["scan", "--format", "jsonl", "--rules", PorchProcess.rules], stdin: input)
        #expect(run.status == 0, "porch scan failed: \(run.stderr)")
        let spam = try run.jsonLines().map { try #require($0["spam"] as? [String: Any]) }
        try #require(spam.count == 2)
        let model = try #require(spam[0]["model"] as? [String: Any])
        #expect(model["verdict"] as? String == "spam", "the weights alone call the warning spam")
        #expect(spam[0]["warned"] as? Bool == true)
        #expect(spam[0]["verdict"] as? String == "suspect")
        #expect(spam[1]["warned"] == nil)
        #expect(spam[1]["verdict"] as? String == "spam")
    }

    /// With the shipped weights: a medium offering readings scores one rule (suspect) and reads suspect to the
    /// weights; the two agree, so it is spam, and the text verdict says why. The same rule alone, with the weights
    /// taken away, stays suspect.
    @Test func theRulesAndTheWeightsThatBothSaySuspectMakeSpam() throws {
        let post =
            "I hope it's alright to post this. I work as a medium and when I read your words your daughter felt"
            + " very close. I offer gentle readings for parents who have lost a baby."
        let data = try JSONSerialization.data(withJSONObject: ["id": "a0", "text": post])
        let run = try PorchProcess.run(
            ["scan", "--format", "jsonl", "--rules", PorchProcess.rules],
            stdin: String(decoding: data, as: UTF8.self) + "\n")
        #expect(run.status == 0, "porch scan failed: \(run.stderr)")
        let spam = try #require(try run.jsonLines().first?["spam"] as? [String: Any])
        let model = try #require(spam["model"] as? [String: Any])
        #expect(model["verdict"] as? String == "suspect")
        #expect((spam["score"] as? NSNumber)?.doubleValue ?? 0 < (spam["threshold"] as? NSNumber)?.doubleValue ?? 0)
        #expect(spam["agreed"] as? Bool == true)
        #expect(spam["verdict"] as? String == "spam")
        let text = try PorchProcess.run(["scan", "--rules", PorchProcess.rules], stdin: post)
        #expect(text.stdout.contains("the rules and the learned weights both read it as suspect: together, spam"))
        #expect(try ScannedSpam.scan(post).verdict == "suspect", "the rules alone")
    }
}
