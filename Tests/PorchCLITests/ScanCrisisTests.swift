import Foundation
import Testing

/// One post's crisis verdict as `porch scan --format jsonl` prints it.
struct ScannedCrisis {
    struct Match {
        let rule: String
        let category: String
        let level: String
        let context: [String]
        /// The ids of the cues that lowered it.
        let cues: [String]
        let start: Int
        let end: Int
    }

    let level: String
    let categories: [String]
    let matches: [Match]
    let resources: Int

    /// Runs every text through `porch scan --format jsonl` in one process and reads each verdict. These tests are
    /// about the rules, so they run without the learned weights (LearningCommandTests covers those).
    static func scan(_ texts: [String]) throws -> [ScannedCrisis] {
        let input =
            try texts.enumerated().map { index, text in
                let data = try JSONSerialization.data(withJSONObject: ["id": "p\(index)", "text": text])
                return String(decoding: data, as: UTF8.self)
            }.joined(separator: "\n") + "\n"
        let run = try PorchProcess.run(
            ["scan", "--format", "jsonl", "--rules", PorchProcess.rulesWithoutWeights], stdin: input)
        #expect(run.status == 0, "porch scan failed: \(run.stderr)")
        let objects = try run.jsonLines()
        #expect(objects.map { $0["id"] as? String } == texts.indices.map { "p\($0)" })
        return try objects.map { object in
            let crisis = try #require(object["crisis"] as? [String: Any])
            let matches = try #require(crisis["matches"] as? [[String: Any]]).map { match in
                Match(
                    rule: match["rule"] as? String ?? "", category: match["category"] as? String ?? "",
                    level: match["level"] as? String ?? "", context: match["context"] as? [String] ?? [],
                    cues: match["cues"] as? [String] ?? [], start: match["start"] as? Int ?? -1,
                    end: match["end"] as? Int ?? -1)
            }
            return ScannedCrisis(
                level: try #require(crisis["level"] as? String), categories: crisis["categories"] as? [String] ?? [],
                matches: matches, resources: (object["resources"] as? [Any])?.count ?? 0)
        }
    }

    static func scan(_ text: String) throws -> ScannedCrisis { try scan([text])[0] }

    /// The input text a match's scalar offsets point at.
    static func span(_ match: Match, of text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        guard match.start >= 0, match.start <= match.end, match.end <= scalars.count else { return "<bad span>" }
        return String(String.UnicodeScalarView(scalars[match.start..<match.end]))
    }
}

/// The crisis lane through the built `porch scan`: every category, every kind of context, obfuscations and idioms.
@Suite struct ScanCrisisTests {
    static let categoryPosts: [(category: String, text: String)] = [
        ("suicide", "I can't do this anymore. I want to kill myself tonight."),
        ("self_harm", "I burned my wrist with a lighter on purpose an hour ago and I want to do it again"),
        ("harm_to_child", "when he screams I'm scared I'll hurt the baby, I can't trust myself with him tonight"),
        ("abuse_violence", "he said he'll kill me when he gets home and he has a knife"),
        ("medical_emergency", "5 days postpartum, I've soaked through two pads in an hour and I feel faint"),
        ("substance_overdose", "I took a whole packet of paracetamol twenty minutes ago"),
        ("eating_disorder", "I haven't eaten in four days and I fainted on the stairs holding the baby"),
    ]

    @Test(arguments: categoryPosts)
    func eachCategoryIsFlaggedCrisisWithItsCategoryAndResources(category: String, text: String) throws {
        let verdict = try ScannedCrisis.scan(text)
        #expect(verdict.level == "crisis")
        #expect(verdict.categories.contains(category))
        let match = try #require(verdict.matches.first { $0.category == category && $0.level == "crisis" })
        #expect(match.rule.hasPrefix("crisis.\(category)."))
        #expect(!ScannedCrisis.span(match, of: text).isEmpty)
        #expect(verdict.resources > 0)
    }

    @Test func concernLevelRulesGiveAGentleFlag() throws {
        let verdicts = try ScannedCrisis.scan([
            "honestly some days I wish I could disappear",
            "I haven't slept in four days and everything feels far away",
            "I keep having intrusive thoughts about dropping her down the stairs",
            "I've been making myself sick after dinner again",
        ])
        #expect(verdicts.map(\.level) == ["concern", "concern", "concern", "concern"])
        #expect(verdicts[2].categories == ["harm_to_child"])
        #expect(verdicts[3].categories == ["eating_disorder"])
    }

    @Test func negationLowersToConcernButKeepsTheMatch() throws {
        let text = "I'm not going to kill myself, I just feel really low"
        let verdict = try ScannedCrisis.scan(text)
        #expect(verdict.level == "concern")
        let match = try #require(verdict.matches.first)
        #expect(match.context == ["negation"])
        #expect(match.level == "concern")
        #expect(ScannedCrisis.span(match, of: text) == "kill myself")
    }

    @Test func negationIsScopedTightly() throws {
        let verdicts = try ScannedCrisis.scan([
            "I'm not safe tonight. I want to kill myself",
            "I'm not ok, I never want to wake up again and I have the pills here",
            "I don't know what to do. I want to die",
        ])
        #expect(verdicts[0].level == "crisis")
        #expect(verdicts[1].level == "crisis")
        #expect(verdicts[2].level == "crisis")
        #expect(verdicts.allSatisfy { !$0.matches.contains { $0.context.contains("negation") } })
    }

    @Test func pastAndResolvedLowersButRecentDoesNot() throws {
        let verdicts = try ScannedCrisis.scan([
            "Two years ago I was suicidal after my first, now things are so much better",
            "Last night I felt suicidal and this morning it's still there",
        ])
        #expect(verdicts[0].level == "concern")
        #expect(verdicts[0].matches.first?.context == ["past"])
        #expect(verdicts[1].level == "crisis")
    }

    @Test func someoneElseLowersUnlessTheyAreInDangerNow() throws {
        let verdicts = try ScannedCrisis.scan([
            "my friend said she wants to die, how do I support her?",
            "my sister just texted that she wants to kill herself tonight and now she won't answer",
        ])
        #expect(verdicts[0].level == "concern")
        // The concern floor (crisis.floor.*) may list the same words too; the cue is read on the crisis rule's match.
        #expect(verdicts[0].matches.first { !$0.rule.hasPrefix("crisis.floor.") }?.context == ["other_person"])
        // The cue that lowered it is named, for the rule editor who wonders why.
        #expect(
            verdicts[0].matches.first { !$0.rule.hasPrefix("crisis.floor.") }?.cues == ["context.other-person.reported"]
        )
        #expect(verdicts[1].level == "crisis")
    }

    @Test func hypotheticalAndMediaLowerToConcern() throws {
        let verdicts = try ScannedCrisis.scan([
            "what if I ever felt suicidal again, would I even notice?",
            "watched a documentary last night about a mum who was suicidal after birth, it hit hard",
        ])
        #expect(verdicts.map(\.level) == ["concern", "concern"])
        #expect(verdicts[0].matches.first?.context == ["hypothetical"])
        #expect(verdicts[1].matches.first?.context.contains("media") == true)
    }

    @Test func idiomsRaiseNoFlagButStayListed() throws {
        let text = "I'm killing myself trying to keep the house spotless before the in-laws come"
        let verdict = try ScannedCrisis.scan(text)
        #expect(verdict.level == "none")
        #expect(verdict.categories.isEmpty)
        let match = try #require(verdict.matches.first)
        #expect(match.level == "none")
        #expect(match.context == ["idiom"])
        #expect(ScannedCrisis.span(match, of: text) == "killing myself")
    }

    /// A rule matches leftmost, so a match a cue lowers can hold the words of a later one no cue reaches: the
    /// later one is looked for and stands at the rule's own level.
    @Test func aLoweredMatchDoesNotHideALaterOne() throws {
        let text =
            "We went to the beach and she LOVED the sand, tried to eat it obviously 😂 Grandad built her a castle "
            + "and she flattened it every time. I've fainted twice this week from not eating but the weight's "
            + "finally shifting. Pics in the comments!"
        let verdict = try ScannedCrisis.scan(text)
        #expect(verdict.level == "crisis")
        let acute = verdict.matches.filter { $0.rule == "crisis.eating_disorder.acute" }
        // The first match, lowered by the idiom and kept on the list, and the later one beside it.
        #expect(acute.contains { $0.level == "none" && $0.context.contains("idiom") })
        #expect(acute.contains { $0.level == "crisis" && $0.context.isEmpty })
    }

    @Test func weighingWhetherAHeightWouldKillIsCrisis() throws {
        let verdicts = try ScannedCrisis.scan([
            "not suicidal or anything lol but every night I stand on the balcony working out if 4 floors is high enough",
            "is the window high enough to stop him climbing out? he's 2 and a monkey",
        ])
        #expect(verdicts[0].level == "crisis")
        #expect(verdicts[0].matches.contains { $0.rule == "crisis.suicide.height-research" && $0.level == "crisis" })
        #expect(!verdicts[1].matches.contains { $0.rule == "crisis.suicide.height-research" })
    }

    @Test func aMilestoneInsideTheCrisisWordsIsPartOfThem() throws {
        let verdicts = try ScannedCrisis.scan([
            "holding the lighter. i keep clicking it and looking at my arm. it's been 8 months clean. nobody to tell",
            "8 months clean today! so proud of how far i've come",
        ])
        // The milestone idiom (`inside = false`) lowers a match it stands beside, not the one it is part of.
        #expect(verdicts[0].level == "crisis")
        #expect(verdicts[0].matches.contains { $0.rule == "crisis.self_harm.blade-and-streak" && $0.context.isEmpty })
        #expect(verdicts[1].level == "none")
    }

    @Test func everydayIdiomsAreNotCrises() throws {
        let verdicts = try ScannedCrisis.scan([
            "this teething is killing me",
            "I could die of embarrassment, she screamed in the library",
            "my phone died halfway through the night feed",
            "I'd kill for a nap right now",
            "cut myself chopping onions lol, one-handed cooking is hard",
            "kill me now, the in-laws are staying for a week",
            "Took an overdose of Google at 3am about her rash",
            "wanna die laughing? watch the twins argue over a sock",
        ])
        for verdict in verdicts { #expect(verdict.level == "none") }
    }

    @Test func obfuscatedSpellingsAreFoundAndPointAtWhatWasWritten() throws {
        let texts = [
            "thinking about s u i c i d e every day",
            "i just want to k!ll mys3lf",
            "feeling su1c1dal again tonight",
            "I want to kiII myself",
            "I want to k*ll myself",
        ]
        let verdicts = try ScannedCrisis.scan(texts)
        let expected = ["s u i c i d e", "k!ll mys3lf", "su1c1dal", "kiII myself", "k*ll myself"]
        for (index, verdict) in verdicts.enumerated() {
            #expect(verdict.level != "none", "post \(index)")
            #expect(verdict.categories.contains("suicide"), "post \(index)")
            #expect(
                verdict.matches.map { ScannedCrisis.span($0, of: texts[index]) }.contains(expected[index]),
                "post \(index)")
        }
    }

    @Test func slangAndNonEnglishPhrasings() throws {
        let verdicts = try ScannedCrisis.scan([
            "honestly kms", "I'm going to unalive myself", "thinking about ctb this weekend",
            "ya no puedo más, quiero morir", "je vais en finir ce soir", "ich will nicht mehr leben",
        ])
        for verdict in verdicts {
            #expect(verdict.level == "crisis")
            #expect(verdict.categories == ["suicide"])
        }
    }

    /// Spanish and French said the way the concepts are, not one sentence each: a child and a poison, pills saved
    /// and counted, a strip of sedatives with drink. A lower-case post keeps its words for the crisis rules to read
    /// ("el bebé", "las he ido guardando" once lost a word to the name rules).
    @Test func spanishAndFrenchConceptsReachCrisis() throws {
        let verdicts = try ScannedCrisis.scan([
            "chale, mi niño de 2 años se tomó un trago del destapacaños, tiene la boquita roja y babea",
            "mon petit de 3 ans a mangé des cachets de ma grand-mère, je pense 3 ou 4",
            "llevo dos meses sin tomarme las pastillas de la depre y las he ido guardando, hoy las he contado",
            "me clavé una tira entera de rivo con medio tetra y no siento las piernas",
        ])
        #expect(verdicts.map(\.level) == ["crisis", "crisis", "crisis", "crisis"])
        #expect(verdicts[2].categories == ["suicide"])
    }

    @Test func crisisWithoutTriggerWords() throws {
        let verdicts = try ScannedCrisis.scan([
            "I have what I need in the garage. I'm sorry.",
            "I've worked out how and when. It's calm now.",
            "everyone would be better off without me",
            "I've been giving my things away and wrote letters to my kids in case",
        ])
        for verdict in verdicts { #expect(verdict.level == "crisis") }
    }

    @Test func medicalEmergenciesNeedTheCluster() throws {
        let verdicts = try ScannedCrisis.scan([
            "10 days postpartum and lochia is still bright red but light, is that normal?",
            "bleeding got much heavier this afternoon, big clots and now I feel light-headed and cold",
        ])
        #expect(verdicts[0].level == "none")
        #expect(verdicts[1].level == "crisis")
        #expect(verdicts[1].categories == ["medical_emergency"])
    }

    @Test func ordinaryPostsGetNoFlagAndNoResources() throws {
        let verdict = try ScannedCrisis.scan("Baby slept four hours straight! I feel human again. Cake to celebrate.")
        #expect(verdict.level == "none")
        #expect(verdict.matches.isEmpty)
        #expect(verdict.resources == 0)
    }
}
