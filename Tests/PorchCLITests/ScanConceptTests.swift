import Foundation
import Testing

/// The concept rules of issue 16 through the built `porch scan`: each checklist concept, each combination rule,
/// the weights that add up, the concern floor, and the context cues that lower a match but never hide it.
@Suite struct ScanConceptTests {
    /// One post per concept rule: the rule must fire and the post must reach `level`.
    static let concepts: [(rule: String, level: String, text: String)] = [
        ("crisis.suicide.means-kept", "crisis", "been quietly saving my tablets since the 6 week check"),
        ("crisis.suicide.act-when", "crisis", "gonna unalive myself this weekend while he has the kids"),
        ("crisis.suicide.take-everything", "crisis", "im gona take evry thing in the medcine cupboard tomoro"),
        ("crisis.suicide.method-research", "crisis", "how many of my sertraline would it actually take"),
        ("crisis.suicide.worked-out-how", "crisis", "i've worked out how i'd do it and when"),
        ("crisis.self_harm.act-now", "crisis", "burned my arm with the lighter, third night running"),
        ("crisis.self_harm.means-in-hand", "crisis", "the urge is screaming and i've got the scalpel in my hand"),
        ("crisis.self_harm.blade-tonight", "crisis", "bought a pack of blades on the way home for tonight"),
        ("crisis.abuse_violence.strangled", "crisis", "he stranggled me in frunt of the kids"),
        ("crisis.abuse_violence.threat-to-kill", "crisis", "'you and the kids won't see christmas' was his last text"),
        ("crisis.abuse_violence.leave-dead", "crisis", "if i try to leave with the baby i'm dead"),
        ("crisis.abuse_violence.harm-present", "crisis", "he kicked me in the stomach and he's still in the house"),
        ("crisis.substance_overdose.child-ingestion", "crisis", "I think the baby's swallowed a button battery"),
        ("crisis.eating_disorder.medical-compromise", "crisis", "purging 5 times a day and there's blood now"),
        ("crisis.medical_emergency.infant-red-flags", "crisis", "newborn's gone floppy and a bit greyish, won't latch"),
        ("crisis.medical_emergency.young-infant-fever", "crisis", "my 3 week old is 100.8 and so sleepy"),
        ("crisis.medical_emergency.head-injury", "crisis", "mum fell and hit her head, she's on blood thinners"),
        ("crisis.medical_emergency.no-movement", "crisis", "33 weeks and I haven't felt her move since last night"),
        ("crisis.medical_emergency.preterm", "crisis", "30 weeks and tightenings every 6 minutes for two hours"),
        ("crisis.medical_emergency.cord", "crisis", "waters went and I can feel a loop of cord"),
        ("crisis.medical_emergency.bleeding-shock", "crisis", "blood everywhere after my shower and i feel all floaty"),
        ("crisis.medical_emergency.breathless", "crisis", "3 weeks pp and i can't lie flat without gasping"),
        ("crisis.medical_emergency.preeclampsia", "crisis", "splitting headache and flashing lights at 34 weeks"),
        ("crisis.medical_emergency.fit-pregnant", "crisis", "my wife just had a fit, she's 37 weeks"),
        ("crisis.medical_emergency.hypo", "crisis", "dad's meter says LO and he's talking nonsense"),
        ("crisis.medical_emergency.ohss", "crisis", "since egg collection my belly is huge and i've barely weed"),
        ("crisis.self_harm.minor", "concern", "been picking my skin until it bleeds"),
        ("crisis.eating_disorder.acts", "concern", "been taking a couple of laxatives most days"),
        ("crisis.medical_emergency.infant-red-flag", "concern", "baby has been vomiting since lunch"),
    ]

    @Test(arguments: concepts)
    func eachConceptRuleFiresAndReachesItsLevel(rule: String, level: String, text: String) throws {
        let verdict = try ScannedCrisis.scan(text)
        let match = try #require(verdict.matches.first { $0.rule == rule }, "\(verdict.matches.map(\.rule))")
        #expect(verdict.level == level)
        #expect(!ScannedCrisis.span(match, of: text).isEmpty)
    }

    /// A combination rule needs every part: the same post without one part does not fire it.
    static let combinations: [(rule: String, both: String, oneOnly: String)] = [
        ("crisis.self_harm.act-now", "cut myself tonight. it's deeper than before", "cut myself shaving last year"),
        ("crisis.abuse_violence.harm-present", "he punched me and he's home in an hour", "he's home in an hour"),
        ("crisis.medical_emergency.no-movement", "34 weeks and she's stopped moving", "the toy has stopped moving"),
        ("crisis.substance_overdose.child-ingestion", "toddler chewed some iron tablets", "toddler chewed a crayon"),
        ("crisis.suicide.means-kept", "i've been stockpiling my meds", "i've been stockpiling nappies"),
    ]

    @Test(arguments: combinations)
    func aCombinationNeedsEveryPart(rule: String, both: String, oneOnly: String) throws {
        let verdicts = try ScannedCrisis.scan([both, oneOnly])
        #expect(verdicts[0].matches.contains { $0.rule == rule })
        #expect(!verdicts[1].matches.contains { $0.rule == rule })
    }

    @Test func aCombinationReachesTheNextSentenceButNotTheOneAfter() throws {
        let verdicts = try ScannedCrisis.scan([
            "i burned myself. there's a blister the size of a coin",
            "i burned myself. we went out. there's a blister the size of a coin",
        ])
        #expect(verdicts[0].matches.contains { $0.rule == "crisis.self_harm.act-now" })
        #expect(!verdicts[1].matches.contains { $0.rule == "crisis.self_harm.act-now" })
    }

    @Test func signalsAddUpOneIsConcernTwoAreCrisis() throws {
        let verdicts = try ScannedCrisis.scan([
            "I've made my peace with it.",
            "I've made my peace with it. I'm sorry for everything.",
            "wrote letters for the boys, cancelled my phone contract, rehomed the rabbit",
        ])
        #expect(verdicts.map(\.level) == ["concern", "crisis", "crisis"])
        #expect(verdicts[1].categories == ["suicide"])
        #expect(verdicts[1].matches.filter { $0.rule == "crisis.suicide.farewell-signal" }.count == 2)
    }

    @Test func aSignalRaisesNothingByHalves() throws {
        let verdict = try ScannedCrisis.scan("he'll be home in an hour, shall I start tea?")
        #expect(verdict.matches.contains { $0.rule == "crisis.abuse_violence.present-signal" })
        #expect(verdict.level == "none")
    }

    @Test func cuedSignalsBringNoPoints() throws {
        let verdict = try ScannedCrisis.scan(
            "two years ago I won't be posting again and I'm sorry for everything, said it all then")
        let signals = verdict.matches.filter { $0.rule == "crisis.suicide.farewell-signal" }
        #expect(!signals.isEmpty)
        #expect(signals.allSatisfy { $0.context.contains("past") })
        #expect(verdict.level != "crisis")
    }

    @Test func theConcernFloorCatchesFirstPersonRiskLanguageNoOtherRuleExplains() throws {
        let verdicts = try ScannedCrisis.scan([
            "i feel so lonely since she was born",
            "I weigh myself three times a day and cry if it's gone up",
            "he tracks my location and sulks if i see my mum",
            "the film was about a lonely robot",
        ])
        #expect(verdicts[0].level == "concern")
        #expect(verdicts[0].matches.contains { $0.rule == "crisis.floor.distress" })
        #expect(verdicts[1].matches.contains { $0.rule == "crisis.floor.eating" })
        #expect(verdicts[1].level == "concern")
        #expect(verdicts[2].level == "concern")
        #expect(verdicts[3].level == "none")
    }

    @Test func theFloorNeverMakesACrisis() throws {
        let verdict = try ScannedCrisis.scan("my weight, my food, my meals, my calories, my body, my mirror")
        #expect(verdict.matches.allSatisfy { $0.rule.hasPrefix("crisis.floor.") })
        #expect(verdict.level == "concern")
    }

    @Test func cuesLowerAConceptRuleButNeverHideIt() throws {
        let verdicts = try ScannedCrisis.scan([
            "I'm not going to unalive myself this weekend, I promise",
            "when I was a teenager I burned myself with a lighter every night",
            "this sleep regression is killing me lol",
        ])
        let negated = try #require(verdicts[0].matches.first { $0.rule == "crisis.suicide.act-when" })
        #expect(negated.level == "concern")
        #expect(negated.context.contains("negation"))
        #expect(verdicts[0].level == "concern")
        let past = try #require(verdicts[1].matches.first { $0.rule == "crisis.self_harm.act-now" })
        #expect(past.context.contains("past"))
        #expect(verdicts[1].level == "concern")
        #expect(verdicts[2].level == "none")
    }

    @Test func obfuscationIsFoldedBeforeTheConceptsRead() throws {
        let verdicts = try ScannedCrisis.scan([
            "he ch*ked me again tonight",
            "g0nna unal1ve mys3lf th1s w33k3nd",
        ])
        #expect(verdicts.map(\.level) == ["crisis", "crisis"])
    }
}

/// The posts written for issue 16 to check that the rules generalize (Tests/Evaluation/generalization.jsonl):
/// different wordings, lowercase, misspelt, slang, the cue a sentence earlier, buried in a cheerful post.
@Suite struct GeneralizationSetTests {
    struct Labelled: Sendable, CustomTestStringConvertible {
        let id: String
        let text: String
        let label: String
        var testDescription: String { id }
    }

    static let posts: [Labelled] = {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Evaluation/generalization.jsonl")
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let id = object["id"] as? String, let text = object["text"] as? String,
                let label = object["label"] as? String
            else { return nil }
            return Labelled(id: id, text: text, label: label)
        }
    }()

    @Test func theSetIsThere() {
        #expect(GeneralizationSetTests.posts.count >= 40)
    }

    @Test func everyPostGetsItsLabel() throws {
        let posts = GeneralizationSetTests.posts
        let crisis = try ScannedCrisis.scan(posts.map(\.text))
        let spam = try ScannedSpam.scan(posts.map(\.text))
        for (index, post) in posts.enumerated() {
            switch post.label {
            case "crisis": #expect(crisis[index].level == "crisis", "\(post.id)")
            case "concern": #expect(crisis[index].level != "none", "\(post.id)")
            case "none": #expect(crisis[index].level != "crisis", "\(post.id)")
            case "spam": #expect(spam[index].verdict != "ham", "\(post.id)")
            default: #expect(spam[index].verdict != "spam", "\(post.id)")
            }
        }
    }
}
