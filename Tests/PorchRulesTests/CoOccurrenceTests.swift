import Foundation
import Testing

@testable import PorchRules

/// `all` and `within`: parts found together in any order, and the mistakes a rule editor can make with them.
@Suite struct CoOccurrenceTests {
    @Test func partsAreWholeWordsInEveryOrderWithinASentence() {
        let pattern = CoOccurrence.pattern(parts: ["{act}", "right now"], within: .sentence)
        let gap = "[^.!?\\n]{0,160}?"
        let act = #"(?<![\p{L}\p{N}]){act}(?![\p{L}\p{N}])"#
        let now = #"(?<![\p{L}\p{N}])right\s+now(?![\p{L}\p{N}])"#
        #expect(pattern == "(?:\(act)\(gap)\(now)|\(now)\(gap)\(act))")
    }

    @Test func theNextSentenceAllowsOneRunOfSentenceEnds() {
        let pattern = CoOccurrence.pattern(parts: ["a", "b"], within: .nextSentence)
        #expect(pattern.contains("(?:[.!?\\n]++[^.!?\\n]{0,160}?)?"))
    }

    @Test func threePartsAreTriedInAllSixOrders() {
        let pattern = CoOccurrence.pattern(parts: ["a", "b", "c"], within: .sentence)
        #expect(pattern.components(separatedBy: "|").count == 6)
        #expect(Set(CoOccurrence.permutations([0, 1, 2]).map { $0.map(String.init).joined() }).count == 6)
    }

    /// A rules folder whose crisis file is `crisis`, with `lists/act.txt`.
    func load(crisis: String) throws -> Result<RuleSet, RuleLoadError> {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cooccur-\(UUID().uuidString)")
        for folder in ["pii", "crisis", "spam", "lists"] {
            try FileManager.default.createDirectory(
                at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        func write(_ path: String, _ text: String) throws {
            try text.write(to: root.appendingPathComponent(path), atomically: true, encoding: .utf8)
        }
        try write("lists/act.txt", "cut myself\nburned myself\n")
        try write(
            "pii/p.toml",
            """
            [[rule]]
            id = "pii.test"
            description = "Test."
            type = "PHONE"
            placeholder = "phone"
            pattern = '[0-9]{7}'
            match = ["[[5550142]]"]
            """)
        try write(
            "spam/s.toml",
            """
            [[rule]]
            id = "spam.test"
            description = "Test."
            score = 4
            phrases = ["buy now"]
            match = ["buy now"]
            """)
        try write(
            "resources.toml",
            """
            [[resource]]
            region = "US"
            name = "988 Lifeline"
            contact = "Call or text 988"
            verified = 2026-01-01
            """)
        try write("crisis/c.toml", crisis)
        return Result { () throws(RuleLoadError) in try RuleLoader.load(directory: root.path).0 }
    }

    func messages(_ result: Result<RuleSet, RuleLoadError>) -> [String] {
        guard case .failure(let error) = result else { return [] }
        return error.diagnostics.map(\.message)
    }

    @Test func aCoOccurrenceRuleLoadsAsAPatternWithItsConceptsExpanded() throws {
        let set = try load(
            crisis: """
                [[rule]]
                id = "crisis.self_harm.test"
                description = "Test."
                category = "self_harm"
                level = "crisis"
                all = ["{act}", "tonight"]
                within = "next-sentence"
                match = ["I [[cut myself. again tonight]]"]
                """
        ).get()
        let rule = try #require(set.rules.first { $0.id == "crisis.self_harm.test" })
        guard case .pattern(let pattern) = rule.matcher.source else {
            Issue.record("expected a pattern")
            return
        }
        #expect(pattern.contains("cut\\s+myself"))
        #expect(!pattern.contains("{act}"))
        #expect(rule.matcher.concepts == ["act"])
        #expect(rule.matcher.caseless)
    }

    @Test(arguments: [
        ("all = [\"{act}\"]", "2 to 3 parts"),
        ("all = [\"a\", \"b\", \"c\", \"d\"]", "2 to 3 parts"),
        ("within = \"sentence\"", "'within' needs 'all'"),
        ("within = \"sentence\"\nphrases = [\"x\"]", "not both"),
        ("all = [\"a\", \"b\"]\nphrases = [\"x\"]", "not both"),
        ("all = [\"a\", \"b\"]\nwithin = \"paragraph\"", "not a known within"),
        ("all = [\"a\", \" \"]", "a part of 'all' is empty"),
        ("all = [\"{nope}\", \"b\"]", "no concept list '{nope}'"),
    ])
    func mistakesAreRefusedWithWhatToDo(fields: String, message: String) throws {
        let result = try load(
            crisis: """
                [[rule]]
                id = "crisis.self_harm.test"
                description = "Test."
                category = "self_harm"
                level = "crisis"
                \(fields)
                match = ["a b"]
                """)
        #expect(messages(result).contains { $0.contains(message) }, "\(messages(result))")
    }

    @Test(arguments: [
        ("level = \"signal\"", "add 'weight'"),
        ("level = \"signal\"\nweight = 0", "'weight' must be above 0"),
        ("level = \"concern\"\nweight = 4", "'weight' must be above 0"),
    ])
    func aSignalNeedsAWeightInRange(fields: String, message: String) throws {
        let result = try load(
            crisis: """
                [[rule]]
                id = "crisis.suicide.test"
                description = "Test."
                category = "suicide"
                \(fields)
                phrases = ["goodbye"]
                match = ["goodbye"]
                """)
        #expect(messages(result).contains { $0.contains(message) }, "\(messages(result))")
    }

    @Test func aSignalLoadsWithLevelNoneAndItsWeight() throws {
        let set = try load(
            crisis: """
                [[rule]]
                id = "crisis.suicide.test"
                description = "Test."
                category = "suicide"
                level = "signal"
                weight = 1.5
                phrases = ["goodbye"]
                match = ["goodbye"]
                """
        ).get()
        let rule = try #require(set.rules.first { $0.id == "crisis.suicide.test" })
        guard case .crisis(let details) = rule.kind else {
            Issue.record("expected a crisis rule")
            return
        }
        #expect(details.level == .none)
        #expect(details.points == 1.5)
        #expect(CrisisDetails(category: "suicide", level: .crisis).points == 0)
        #expect(CrisisDetails.points(for: .crisis) == 3)
        #expect(CrisisDetails.points(for: .concern) == 1)
    }
}
