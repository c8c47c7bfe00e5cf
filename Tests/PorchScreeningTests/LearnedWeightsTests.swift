import Foundation
import PCRE2
import PorchModel
import PorchRules
import Testing

@testable import PorchScreening

/// The learned keyword weights: Swift computes the training script's features, reads weights files (refusing
/// broken ones with file:line), scores, explains, and only ever raises what the rules found.
@Suite struct LearnedWeightsTests {
    /// One line of the fixture `scripts/train-crisis-model.py` writes.
    struct FixtureCase: CustomTestStringConvertible {
        let number: Int
        let text: String
        let tokens: [String]
        /// Each feature's name as scalar values (Swift's String equality would merge canonically equal names,
        /// which the training script keeps apart) and its value.
        let features: [[UInt32]: Double]
        let crisis: Double
        let concern: Double
        var testDescription: String { "fixture line \(number)" }
    }

    static let fixtureCases: [FixtureCase] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/model-features.jsonl")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").enumerated().compactMap { index, line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                return nil
            }
            return FixtureCase(
                number: index + 1, text: object["text"] as? String ?? "", tokens: object["tokens"] as? [String] ?? [],
                features: Dictionary(
                    uniqueKeysWithValues: (object["features"] as? [[Any]] ?? []).map { pair in
                        ((pair.first as? String ?? "").unicodeScalars.map(\.value), pair.last as? Double ?? -1)
                    }), crisis: object["crisis"] as? Double ?? -1,
                concern: object["concern"] as? Double ?? -1)
        }
    }()

    static func shippedCrisisModel() throws -> CrisisModel {
        let text = try String(
            contentsOfFile: RealRules.directory + "/model/crisis.tsv", encoding: .utf8)
        return try CrisisModel(file: WeightsFile(name: "crisis.tsv", text: text))
    }

    @Test func theFixtureIsThere() {
        #expect(Self.fixtureCases.count >= 10, "run scripts/train-crisis-model.py to write the fixture")
    }

    @Test(arguments: fixtureCases)
    func swiftComputesThePythonFeatures(_ fixture: FixtureCase) throws {
        #expect(
            ModelFeatures.tokens(fixture.text).map { $0.unicodeScalars.map(\.value) }
                == fixture.tokens.map { $0.unicodeScalars.map(\.value) })
        let features = Dictionary(
            uniqueKeysWithValues: ModelFeatures.features(fixture.text).map {
                ($0.name.unicodeScalars.map(\.value), $0.value)
            })
        #expect(features.count == fixture.features.count)
        #expect(Set(features.keys) == Set(fixture.features.keys))
        for (name, value) in fixture.features {
            #expect(abs((features[name] ?? -1) - value) < 1e-8, "feature \(name)")
        }
        // The fast path (hashes, no strings) sees exactly the same features.
        let hashed = HashedFeatures(fixture.text)
        func hash(_ scalars: [UInt32]) -> UInt64 {
            var text = String.UnicodeScalarView()
            text.append(contentsOf: scalars.compactMap(Unicode.Scalar.init))
            return FNV.hash(String(text))
        }
        let expectedWords = Set(fixture.features.keys.filter { $0.starts(with: [0x77, 0x3A]) }.map(hash))
        let expectedChars = Set(fixture.features.keys.filter { $0.starts(with: [0x63, 0x3A]) }.map(hash))
        #expect(Set(hashed.words) == expectedWords)
        #expect(Set(hashed.chars) == expectedChars)
        #expect(hashed.words.count == expectedWords.count && hashed.chars.count == expectedChars.count)
    }

    @Test(arguments: fixtureCases)
    func swiftScoresAsTheTrainingScriptDoes(_ fixture: FixtureCase) throws {
        let model = try Self.shippedCrisisModel()
        let finding = model.assess(HashedFeatures(fixture.text))
        #expect(abs(finding.crisisProbability - fixture.crisis) < 1e-5)
        #expect(abs(finding.concernProbability - fixture.concern) < 1e-5)
    }

    @Test func theShippedFilesLoadWithTheirSettings() throws {
        let (rules, _) = try RuleLoader.load(directory: RealRules.directory)
        for name in ["crisis.tsv", "spam.tsv", "spam-starter.tsv"] {
            #expect(rules.modelFiles[name] != nil, "Rules/model/\(name)")
        }
        let crisis = try Self.shippedCrisisModel()
        #expect(crisis.crisis.file.count > 1000)
        #expect(0 < crisis.concernThreshold && crisis.concernThreshold < 1)
        #expect(0 < crisis.crisisThreshold && crisis.crisisThreshold < 1)
        let spam = try SpamModel(file: WeightsFile(name: "spam.tsv", text: try #require(rules.modelFiles["spam.tsv"])))
        #expect(spam.suspectThreshold <= spam.spamThreshold)
        let starter = try SpamStarter(text: try #require(rules.modelFiles["spam-starter.tsv"]))
        #expect(starter.spamPosts > 20 && starter.hamPosts > 20 && starter.words.count > 100)
    }

    static let tiny = """
        # a weights file for tests
        bias.crisis = -3
        bias.concern = -3
        threshold.crisis = 0.5
        threshold.concern = 0.5
        feature\tcrisis\tconcern
        w:pills\t30\t30
        w:tired\t0\t8
        w:fine\t-9\t-9
        """

    @Test func aBrokenWeightsFileIsRefusedWithItsLine() throws {
        let broken = Self.tiny.replacingOccurrences(of: "w:tired\t0\t8", with: "w:tired\tzero\t8")
        do {
            _ = try WeightsFile(name: "crisis.tsv", text: broken)
            Issue.record("a weight that is not a number was accepted")
        } catch {
            let message = error.diagnostics.map(\.description).joined()
            #expect(message.contains("model/crisis.tsv:8:1"))
        }
        let noSetting = Self.tiny.replacingOccurrences(of: "threshold.crisis = 0.5\n", with: "")
        #expect(throws: RuleLoadError.self) { try CrisisModel(file: WeightsFile(name: "crisis.tsv", text: noSetting)) }
        #expect(throws: RuleLoadError.self) { try WeightsFile(name: "crisis.tsv", text: "# only comments\n") }
    }

    @Test func scoringFollowsTheWeightsAndExplainsWithThem() throws {
        let model = try CrisisModel(file: WeightsFile(name: "crisis.tsv", text: Self.tiny))
        let pills = model.assess(HashedFeatures("pills"))
        // One word feature of value 1 (and letter pieces without weights): score -3 + 30 = 27.
        #expect(abs(pills.crisisProbability - 1 / (1 + exp(-27.0))) < 1e-12)
        #expect(pills.modelLevel == .crisis)
        #expect(pills.features == [FeatureWeight(feature: "w:pills", weight: 30, contribution: 30)])
        // Four words and three pairs: each word piece counts 1/√7.
        let longer = model.assess(HashedFeatures("the pills are here"))
        #expect(abs(longer.crisisProbability - 1 / (1 + exp(-(-3 + 30 / 7.0.squareRoot())))) < 1e-12)
        let tired = model.assess(HashedFeatures("tired"))
        #expect(tired.modelLevel == .concern)
        #expect(tired.features.map(\.feature) == ["w:tired"])
        #expect(model.assess(HashedFeatures("fine")).modelLevel == .none)
        #expect(model.assess(HashedFeatures("fine")).features.isEmpty)
    }

    /// The real rules with the crisis weights replaced by `weights`.
    static func screener(crisisWeights weights: String) throws -> Screener {
        var (rules, _) = try RuleLoader.load(directory: RealRules.directory)
        rules.modelFiles["crisis.tsv"] = weights
        return try Screener(rules: rules)
    }

    @Test func theWeightsRaiseAPostNoRuleFlags() throws {
        let screener = try Self.screener(crisisWeights: Self.tiny)
        let verdict = screener.screen("pills", matcher: Matcher())
        #expect(verdict.crisis.matches.isEmpty)
        #expect(verdict.crisis.level == .crisis)
        #expect(verdict.crisis.model?.level == .crisis)
        #expect(verdict.crisis.model?.features.first?.feature == "w:pills")
        #expect(!verdict.resources.isEmpty)
        let json = verdict.json(id: "p1")
        #expect(json.contains(#""model":{"level":"crisis","model_level":"crisis""#))
        #expect(json.contains(#"{"feature":"w:pills","weight":30}"#))
    }

    @Test func theWeightsNeverLowerWhatARuleFound() throws {
        // Weights that call everything harmless.
        let harmless = Self.tiny.replacingOccurrences(of: "bias.crisis = -3", with: "bias.crisis = -50")
            .replacingOccurrences(of: "bias.concern = -3", with: "bias.concern = -50")
        let screener = try Self.screener(crisisWeights: harmless)
        let text = "I have the pills saved up and I'm going to take them all tonight. Goodbye everyone."
        let withWeights = screener.screen(text, matcher: Matcher())
        // Prepared by the same screener that flags it: a post's keyword facts are numbered by its own rules.
        let real = try RealRules.screener()
        let rulesOnly = try real.flagger.flag(real.prepare(text, matcher: Matcher()), matcher: Matcher())
        #expect(withWeights.crisis.model?.modelLevel == CrisisLevel.none)
        #expect(withWeights.crisis.ruleLevel == rulesOnly.ruleLevel)
        #expect(withWeights.crisis.level >= rulesOnly.ruleLevel)
        #expect(withWeights.crisis.matches.map(\.rule) == rulesOnly.matches.map(\.rule))
    }

    @Test func aContextCueTurnsAWeightsCrisisIntoConcern() throws {
        let screener = try Self.screener(crisisWeights: Self.tiny)
        // "my sister" is a someone-else cue, "years ago" a past one: the weights' crisis reads concern.
        var lowered = 0
        for text in ["my sister said the pills", "years ago the pills"] {
            let verdict = screener.screen(text, matcher: Matcher())
            #expect(verdict.crisis.model?.modelLevel == .crisis, "\(text)")
            if verdict.crisis.model?.context.isEmpty == false {
                lowered += 1
                #expect(verdict.crisis.model?.level == .concern, "\(text)")
                #expect(verdict.crisis.level >= .concern)
            }
        }
        #expect(lowered >= 1, "no cue matched; the test texts need a cue from Rules/crisis/context.toml")
        // Without a cue the weights' crisis stands.
        #expect(screener.screen("the pills", matcher: Matcher()).crisis.level == .crisis)
    }

    @Test func onlyTheKindsOfCueTheFileNamesLowerTheWeights() throws {
        let weights = Self.tiny.replacingOccurrences(
            of: "threshold.concern = 0.5\n", with: "threshold.concern = 0.5\nlowered_by = negation past\n")
        let model = try CrisisModel(file: WeightsFile(name: "crisis.tsv", text: weights))
        #expect(model.loweredBy == [.negation, .past])
        let screener = try Self.screener(crisisWeights: weights)
        // A someone-else cue is listed in the verdict but leaves the weights' crisis standing; a past cue lowers it.
        let sister = screener.screen("my sister said the pills", matcher: Matcher())
        #expect(sister.crisis.model?.context.contains(.otherPerson) == true, "the test needs a someone-else cue")
        #expect(sister.crisis.level == .crisis)
        let past = screener.screen("years ago the pills", matcher: Matcher())
        #expect(past.crisis.model?.context.contains(.past) == true, "the test needs a past cue")
        #expect(past.crisis.model?.level == .concern)
        // The shipped weights leave someone-else cues out; a kind that does not exist is refused.
        #expect(try !Self.shippedCrisisModel().loweredBy.contains(.otherPerson))
        let wrong = Self.tiny.replacingOccurrences(
            of: "threshold.concern = 0.5\n", with: "threshold.concern = 0.5\nlowered_by = negation someone\n")
        #expect(throws: RuleLoadError.self) { try CrisisModel(file: WeightsFile(name: "crisis.tsv", text: wrong)) }
    }

    @Test func aCrisisTheWeightsAreSureOfStandsWhateverTheCue() throws {
        // In "years ago the pills" the weights read crisis near certainly; in "years ago the tablets" at 0.69, above the
        // 0.5 threshold and below 0.98 (each of the seven word features weighs 1/√7).
        let weights = Self.tiny.replacingOccurrences(
            of: "threshold.concern = 0.5\n", with: "threshold.concern = 0.5\ncues_lower_below = 0.98\n"
        ).replacingOccurrences(of: "w:tired\t0\t8", with: "w:tired\t0\t8\nw:tablets\t10\t10")
        #expect(try CrisisModel(file: WeightsFile(name: "crisis.tsv", text: weights)).cuesLowerBelow == 0.98)
        let screener = try Self.screener(crisisWeights: weights)
        let sure = screener.screen("years ago the pills", matcher: Matcher())
        #expect(sure.crisis.model?.context.contains(.past) == true, "the test needs a past cue")
        #expect(sure.crisis.model?.level == .crisis)
        #expect(sure.crisis.level == .crisis)
        let unsure = screener.screen("years ago the tablets", matcher: Matcher())
        #expect(unsure.crisis.model?.modelLevel == .crisis)
        #expect(unsure.crisis.model?.level == .concern)
        // Without the setting every cue lowers, however sure the weights are; a setting that is no number is refused.
        #expect(try CrisisModel(file: WeightsFile(name: "crisis.tsv", text: Self.tiny)).cuesLowerBelow > 1)
        let wrong = Self.tiny.replacingOccurrences(
            of: "threshold.concern = 0.5\n", with: "threshold.concern = 0.5\ncues_lower_below = high\n")
        #expect(throws: RuleLoadError.self) { try CrisisModel(file: WeightsFile(name: "crisis.tsv", text: wrong)) }
    }

    @Test func anExplanationNeverShowsWhatThePIILaneRemoved() throws {
        let weights = Self.tiny.replacingOccurrences(of: "w:fine\t-9\t-9", with: "w:07700\t9\t9")
        let screener = try Self.screener(crisisWeights: weights)
        let verdict = screener.screen("call me on 07700 900123 about the pills", matcher: Matcher())
        #expect(verdict.crisis.model?.modelLevel == .crisis)
        #expect(verdict.crisis.model?.features.contains { $0.feature.contains("07700") } == false)
        #expect(verdict.crisis.model?.features.contains { $0.feature == "w:pills" } == true)
    }

    @Test func theLearnedSpamFilterRisesWithTaughtSpamWords() {
        var counts: [String: (spam: Int, ham: Int)] = ["casino": (40, 0), "bonus": (35, 2), "baby": (5, 60)]
        let spammy = ChiSquaredSpamFilter.assess(words: ["casino", "bonus"], spamPosts: 50, hamPosts: 80) {
            counts[$0]
        }
        let hammy = ChiSquaredSpamFilter.assess(words: ["baby"], spamPosts: 50, hamPosts: 80) { counts[$0] }
        #expect(spammy.probability > 0.9)
        #expect(spammy.label >= .suspect)
        #expect(hammy.probability < 0.5)
        #expect(hammy.label == .ham)
        #expect(spammy.words.map(\.word).contains("casino"))
        // Too few taught posts: it reports, it does not label.
        counts["casino"] = (5, 0)
        let early = ChiSquaredSpamFilter.assess(words: ["casino"], spamPosts: 5, hamPosts: 5) { counts[$0] }
        #expect(early.label == .ham)
    }

    @Test func spamWeightsAndTheFilterRaiseTheLabelNeverLowerIt() {
        let verdict = SpamVerdict(score: 6, threshold: 5, suspectThreshold: 3, matches: [])
        #expect(verdict.label == .spam)
        let lowered = verdict.adding(learned: LearnedSpamFinding(probability: 0.01, label: .ham, words: []))
        #expect(lowered.label == .spam)
        let quiet = SpamVerdict(score: 0, threshold: 5, suspectThreshold: 3, matches: [])
        #expect(quiet.label == .ham)
        #expect(
            quiet.adding(learned: LearnedSpamFinding(probability: 0.95, label: .suspect, words: [])).label == .suspect)
    }

    @Test func aWarningIsRaisedToSuspectAtMostByTheWeightsAndTheFilter() {
        let weights = SpamModelFinding(probability: 0.97, label: .spam, features: [])
        let filter = LearnedSpamFinding(probability: 0.99, label: .spam, words: [])
        let warned = SpamVerdict(score: 0, threshold: 5, suspectThreshold: 3, matches: [], model: weights, warned: true)
        #expect(warned.label == .suspect)
        #expect(warned.adding(learned: filter).label == .suspect)
        let plain = SpamVerdict(score: 0, threshold: 5, suspectThreshold: 3, matches: [], model: weights)
        #expect(plain.label == .spam)
        // The rules still make a warned post spam: the cap is on the learned readings only.
        let ruled = SpamVerdict(score: 6, threshold: 5, suspectThreshold: 3, matches: [], warned: true)
        #expect(ruled.label == .spam)
    }

    /// The rules and a learned reading each saying suspect make spam together; one alone stays suspect, and a post
    /// that warns of a scam is never raised this way.
    @Test func theRulesAndALearnedReadingThatBothSaySuspectMakeSpam() {
        let match = SpamMatch(rule: "spam.recruiting", score: 3.5, start: 0, end: 10)
        let weights = SpamModelFinding(probability: 0.9, label: .suspect, features: [])
        let both = SpamVerdict(score: 3.5, threshold: 5, suspectThreshold: 3, matches: [match], model: weights)
        #expect(both.label == .spam && both.agreed)
        let rulesAlone = SpamVerdict(score: 3.5, threshold: 5, suspectThreshold: 3, matches: [match])
        #expect(rulesAlone.label == .suspect && !rulesAlone.agreed)
        let weightsAlone = SpamVerdict(score: 0, threshold: 5, suspectThreshold: 3, matches: [], model: weights)
        #expect(weightsAlone.label == .suspect && !weightsAlone.agreed)
        // The group's filter counts as a learned reading too.
        let filter = LearnedSpamFinding(probability: 0.95, label: .suspect, words: [])
        #expect(rulesAlone.adding(learned: filter).label == .spam)
        let warned = SpamVerdict(
            score: 3.5, threshold: 5, suspectThreshold: 3, matches: [match], model: weights, warned: true)
        #expect(warned.label == .suspect && !warned.agreed)
    }
}
