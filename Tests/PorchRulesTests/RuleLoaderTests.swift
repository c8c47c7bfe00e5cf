import Foundation
import PorchRules
import Testing

/// Loading a rules folder: a good one loads, and every kind of mistake is refused with its position.
@Suite struct RuleLoaderTests {
    /// A minimal valid rules folder, with `extra` appended to pii/extra.toml.
    func makeRules(pii extra: String) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("rules-\(UUID().uuidString)")
        for folder in ["pii", "crisis", "spam", "lists"] {
            try FileManager.default.createDirectory(
                at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        func write(_ path: String, _ text: String) throws {
            try text.write(to: root.appendingPathComponent(path), atomically: true, encoding: .utf8)
        }
        try write("lists/names.txt", "# test list\nJess\nlily  # a comment\n")
        try write(
            "crisis/c.toml",
            """
            [[rule]]
            id = "crisis.suicide.test"
            description = "Test."
            category = "suicide"
            level = "crisis"
            phrases = ["want to die"]
            match = ["I [[want to die]]"]
            """)
        try write(
            "spam/s.toml",
            """
            [settings]
            threshold = 4

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
        try write("pii/extra.toml", extra)
        return root.path
    }

    static let goodRule = """
        [[rule]]
        id = "pii.phone.test"
        description = "A test phone rule."
        type = "PHONE"
        pattern = '[0-9]{3}-[0-9]{4}'
        match = ["call [[555-0142]]"]
        no_match = ["call 55-01"]
        """

    func refusal(_ extra: String) throws -> [RuleDiagnostic] {
        let path = try makeRules(pii: extra)
        do {
            _ = try RuleLoader.load(directory: path)
            return []
        } catch {
            return error.diagnostics
        }
    }

    @Test func aValidFolderLoadsEveryLaneListAndResource() throws {
        let (set, warnings) = try RuleLoader.load(directory: try makeRules(pii: RuleLoaderTests.goodRule))
        #expect(warnings.isEmpty)
        #expect(
            set.rules.map(\.id).sorted() == [
                "allow.helpline.resources", "crisis.suicide.test", "pii.phone.test", "spam.test",
            ])
        #expect(set.lists["names"] == ["jess", "lily"])
        #expect(set.spamThreshold == 4)
        #expect(set.resources.first?.verified == TOMLDate(year: 2026, month: 1, day: 1))
        let rule = try #require(set.rules.first { $0.id == "pii.phone.test" })
        #expect(rule.matchExamples.first?.text == "call 555-0142")
        #expect(rule.matchExamples.first?.marked == [5..<13])
        guard case .pii(let details) = rule.kind else {
            Issue.record("not a PII rule")
            return
        }
        #expect(details.placeholder == "phone")
    }

    @Test func aTOMLSyntaxErrorNamesFileLineAndColumn() throws {
        let diagnostics = try refusal("[[rule]]\nid = 'pii.x.y\n")
        #expect(
            diagnostics.map(\.description) == [
                "pii/extra.toml:2:6: error: this string is not closed: add a \"'\" before the end of the line"
            ])
    }

    @Test func unknownKeysAreRefusedWithASuggestion() throws {
        let diagnostics = try refusal(RuleLoaderTests.goodRule + "\nno-match = ['x']\n")
        #expect(diagnostics.count == 1)
        #expect(diagnostics[0].description.contains("pii/extra.toml:8:1"))
        #expect(diagnostics[0].message.contains("did you mean 'no_match'"))
    }

    @Test func duplicateIDsAreRefused() throws {
        let diagnostics = try refusal(RuleLoaderTests.goodRule + "\n\n" + RuleLoaderTests.goodRule)
        #expect(diagnostics.count == 1)
        #expect(diagnostics[0].message.contains("duplicate id"))
        #expect(diagnostics[0].position?.line == 9)
    }

    @Test func missingFieldsWrongTypesAndBadIDsAreAllReportedTogether() throws {
        let diagnostics = try refusal(
            """
            [[rule]]
            id = "phone"
            type = 3
            pattern = '[0-9]'
            """)
        let messages = diagnostics.map(\.message)
        #expect(messages.contains { $0.contains("must start with 'pii.'") })
        #expect(messages.contains { $0.contains("missing 'description'") })
        #expect(messages.contains { $0.contains("'type' must be a string") })
        #expect(messages.contains { $0.contains("at least one 'match' example") })
    }

    @Test func engineVerbsInPatternsAreRefused() throws {
        let diagnostics = try refusal(
            RuleLoaderTests.goodRule.replacingOccurrences(of: "'[0-9]{3}", with: "'(*LIMIT_MATCH=99999999)[0-9]{3}"))
        #expect(diagnostics.count == 1)
        #expect(diagnostics[0].message.contains("(*LIMIT_MATCH=99999999)"))
        #expect(diagnostics[0].position == SourcePosition(line: 5, column: 11))
    }

    @Test func unknownWordListsAndGroupsAreRefused() throws {
        let diagnostics = try refusal(
            """
            [[rule]]
            id = "pii.name.test"
            description = "Test."
            type = "PERSON"
            pattern = '(?<first>[A-Z][a-z]+)'
            in_list = { given = "no-such-list" }
            match = ["Jess"]
            """)
        let messages = diagnostics.map(\.message)
        #expect(messages.contains { $0.contains("no word list 'no-such-list'") })
        #expect(messages.contains { $0.contains("no group named 'given'") })
    }

    @Test func aMissingFolderSaysWhatToPass() {
        #expect {
            _ = try RuleLoader.load(directory: "/nonexistent/rules")
        } throws: { error in
            (error as? RuleLoadError)?.description.contains("pass the folder that holds pii/") == true
        }
    }

    @Test func examplesParseMarkers() {
        let example = RuleExample.parse("a [[bc]] d [[é]]", position: SourcePosition(line: 1, column: 1))
        #expect(example?.text == "a bc d é")
        #expect(example?.marked == [2..<4, 7..<8])
        #expect(RuleExample.parse("a [[b", position: SourcePosition(line: 1, column: 1)) == nil)
        // A closing marker with none open is text; a marker next to a multi-byte letter counts it as one.
        let unopened = RuleExample.parse("x ]] 👩‍👧[[ü]]]", position: SourcePosition(line: 1, column: 1))
        #expect(unopened?.text == "x ]] 👩‍👧ü]")
        #expect(unopened?.marked == [8..<9])
        #expect(RuleExample.parse("[[a]] [[", position: SourcePosition(line: 1, column: 1)) == nil)
        #expect(RuleExample.parse("[[a [[b]]", position: SourcePosition(line: 1, column: 1)) == nil)
    }

    /// `porch scrub` reads only what the PII lane runs: the same rules as the whole folder's `piiOnly`.
    @Test func aPIIOnlyLoadHoldsWhatTheWholeFolderGivesThePIILane() throws {
        let path = try makeRules(pii: RuleLoaderTests.goodRule)
        let whole = try RuleLoader.load(directory: path).0.piiOnly
        let pii = try RuleLoader.load(directory: path, piiOnly: true).0
        #expect(pii.rules.map(\.id) == whole.rules.map(\.id))
        #expect(pii.rules.map(\.id) == ["pii.phone.test", "allow.helpline.resources"])
        #expect(pii.lists == whole.lists)
        #expect(pii.untouched.map(\.text) == whole.untouched.map(\.text))
        #expect(pii.modelFiles == whole.modelFiles)
    }
}

/// Concept lists through the loader: expanded in place, and a missing one refused at the rule.
@Suite struct RuleLoaderConceptTests {
    @Test func aPatternWithAConceptLoadsExpandedAndAMissingOneIsRefused() throws {
        let loader = RuleLoaderTests()
        let path = try loader.makeRules(
            pii: """
                [[rule]]
                id = "pii.name.concept"
                description = "Test."
                type = "PERSON"
                pattern = '(?<=my )(?:{names}) (?<n>[A-Z][a-z]+)'
                group = "n"
                match = ["my jess [[Ann]]"]
                """)
        let (set, _) = try RuleLoader.load(directory: path)
        let rule = try #require(set.rules.first { $0.id == "pii.name.concept" })
        guard case .pattern(let pattern) = rule.matcher.source else {
            Issue.record("expected a pattern")
            return
        }
        #expect(pattern.contains("(?i:jess|lily)"))
        #expect(rule.matcher.concepts == ["names"])

        let diagnostics = try loader.refusal(
            """
            [[rule]]
            id = "pii.name.concept"
            description = "Test."
            type = "PERSON"
            phrases = ["{no-such-concept} smith"]
            match = ["jess smith"]
            """)
        #expect(diagnostics.contains { $0.message.contains("no concept list '{no-such-concept}'") })
    }
}
