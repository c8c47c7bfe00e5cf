import Foundation
import Testing

/// The learned parts through the binary: `porch scan` explains the weights, the group's spam filter learns from
/// `porch spam` and `porch approve` (similar new posts move), `porch learn` seeds it from a file.
@Suite struct LearningCommandTests {
    static let spamPosts = [
        "Tired mamas, I earn 300 a day from my phone with this crypto signal group, message me on whatsapp for the link",
        "Want to earn from home while the baby naps? My crypto mentor changed our life, whatsapp me for details",
        "Mums earning 500 a week from home with crypto trading, no experience needed, message me for the free guide",
        "I quit my job thanks to this crypto coach, earn from your phone, send me a whatsapp and I will add you",
        "Financial freedom for stay at home mums: crypto signals, earn daily, whatsapp me now for an invite",
        "Earn money from home with my crypto trading team, whatsapp me and start this week, spaces limited",
    ]
    static let probe = "Any mums want to earn from home? My crypto group pays daily, whatsapp me for the invite"

    static let hamPosts = [
        "Our little one finally slept four hours in a row last night, I cried with relief",
        "Does anyone else find the evening feeds the hardest? Baby cluster feeds from 6 till 10",
        "Health visitor came today and said his weight is back on track, such a relief",
        "We started baby led weaning this week, mostly he throws the broccoli on the floor",
        "First walk to the park on my own with the pram today, small wins",
        "Is it normal for a newborn to sneeze this much? The midwife said it clears their nose",
    ]
    static let hamProbe = "Baby slept in the pram on our walk to the park today, the health visitor was pleased"

    /// The group's filter's probability for a new post, read from `porch queue show --json`.
    func learnedProbability(_ fixture: DecisionFixture, _ text: String) throws -> (Double, String) {
        let id = try #require(try fixture.submitIDs([["text": text + " (\(UUID().uuidString.prefix(6)))"]]).first)
        let shown = try fixture.show(id)
        let learned = try #require(shown["spam_learned"] as? [String: Any], "no spam_learned in queue show")
        return (try #require(learned["probability"] as? Double), shown["spam"] as? String ?? "?")
    }

    @Test func decidingPostsMovesTheVerdictOfSimilarNewPosts() throws {
        let fixture = try DecisionFixture()
        defer { fixture.remove() }
        let (spamBefore, _) = try learnedProbability(fixture, Self.probe)
        let (hamBefore, _) = try learnedProbability(fixture, Self.hamProbe)

        let spamIDs = try fixture.submitIDs(Self.spamPosts.map { ["text": $0] })
        let marked = try fixture.run(["spam"] + spamIDs.map(String.init) + ["--as", "mod"])
        #expect(marked.status == 0, "\(marked.stderr)")
        let hamIDs = try fixture.submitIDs(Self.hamPosts.map { ["text": $0] })
        let approved = try fixture.run(["approve"] + hamIDs.map(String.init) + ["--as", "mod"])
        #expect(approved.status == 0, "\(approved.stderr)")

        let (spamAfter, spamLabel) = try learnedProbability(fixture, Self.probe)
        let (hamAfter, hamLabel) = try learnedProbability(fixture, Self.hamProbe)
        #expect(spamAfter > spamBefore, "spam probe \(spamBefore) -> \(spamAfter)")
        #expect(spamAfter >= 0.9, "spam probe \(spamBefore) -> \(spamAfter)")
        #expect(spamLabel != "ham", "a post like six taught spam posts is at least suspect")
        #expect(hamAfter < hamBefore || hamAfter < 0.05, "ham probe \(hamBefore) -> \(hamAfter)")
        #expect(hamLabel == "ham")

        // The explanation names the filter beside the rules.
        let report = try fixture.run(["queue", "show", String(spamIDs[0])]).stdout
        #expect(report.contains("Spam filter taught by the moderators"))
    }

    @Test func learnSeedsTheFilterFromPlainTextAndJSONLines() throws {
        let fixture = try DecisionFixture()
        defer { fixture.remove() }
        let plain = fixture.folder.appendingPathComponent("spam.txt")
        try (Self.spamPosts.joined(separator: "\n") + "\n").write(to: plain, atomically: true, encoding: .utf8)
        let jsonl = fixture.folder.appendingPathComponent("ham.jsonl")
        try DecisionFixture.jsonl(Self.hamPosts.map { ["text": $0, "label": "ham"] })
            .write(to: jsonl, atomically: true, encoding: .utf8)
        let (before, _) = try learnedProbability(fixture, Self.probe)
        let learned = try fixture.run(["learn", "--spam", plain.path, "--ham", jsonl.path])
        #expect(learned.status == 0, "\(learned.stderr)")
        #expect(learned.stdout.contains("learned 6 spam post(s)"))
        #expect(learned.stdout.contains("learned 6 ham post(s)"))
        let (after, _) = try learnedProbability(fixture, Self.probe)
        #expect(after > before, "\(before) -> \(after)")

        let broken = fixture.folder.appendingPathComponent("broken.jsonl")
        try "{\"text\": \"fine\"}\nnot json\n".write(to: broken, atomically: true, encoding: .utf8)
        let refused = try fixture.run(["learn", "--spam", broken.path])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("broken.jsonl:2"))
        #expect(try fixture.run(["learn"]).status == 64)
    }

    @Test func scanExplainsTheCrisisWeightsBesideTheRules() throws {
        let input = try DecisionFixture.jsonl([
            [
                "id": "p1",
                "text": "i cant do this anymore. ive saved up my pills and tonight im taking them all. goodbye",
            ],
            ["id": "p2", "text": "anyone know a good recipe for banana bread? the toddler loves it"],
        ])
        let outcome = try PorchProcess.run(["scan", "--format", "jsonl"], stdin: input)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let lines = try outcome.jsonLines()
        let crisis = try #require(lines.first?["crisis"] as? [String: Any])
        #expect(crisis["level"] as? String == "crisis")
        let model = try #require(crisis["model"] as? [String: Any])
        #expect(model["model_level"] as? String != "none")
        let features = try #require(model["features"] as? [[String: Any]])
        #expect(!features.isEmpty)
        #expect(features.allSatisfy { ($0["weight"] as? Double ?? 0) > 0 && ($0["feature"] as? String) != nil })
        let calm = try #require(lines.last?["crisis"] as? [String: Any])
        #expect(calm["level"] as? String == "none")
        let spam = try #require(lines.last?["spam"] as? [String: Any])
        #expect(spam["verdict"] as? String == "ham")
        #expect((spam["model"] as? [String: Any])?["probability"] as? Double != nil)
    }
}
