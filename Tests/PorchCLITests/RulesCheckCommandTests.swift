import Foundation
import Testing

/// `porch rules check` through the built binary: the shipped rules pass; a broken copy fails with positions.
@Suite struct RulesCheckCommandTests {
    /// A copy of the repository's Rules folder to break.
    func copyOfRules() throws -> URL {
        let folder = try PorchProcess.temporaryFolder().appendingPathComponent("Rules")
        try FileManager.default.copyItem(atPath: PorchProcess.rules, toPath: folder.path)
        return folder
    }

    func replace(_ old: String, with new: String, in file: URL) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains(old), "the test's anchor text is gone from \(file.lastPathComponent)")
        try text.replacingOccurrences(of: old, with: new).write(to: file, atomically: true, encoding: .utf8)
    }

    /// The 1-based line of the first line containing `fragment`.
    func line(of fragment: String, in file: URL) throws -> Int {
        let lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
        return try #require(lines.firstIndex { $0.contains(fragment) }) + 1
    }

    @Test func theShippedRulesPassWithEveryExampleRun() throws {
        let run = try PorchProcess.run(["rules", "check", PorchProcess.rules])
        #expect(run.status == 0, "\(run.stdout)")
        let summary = try #require(run.lines.last)
        #expect(summary.contains(" 0 failed"))
        #expect(!summary.contains(" 0 examples run"))
    }

    @Test func aPatternThatDoesNotCompileIsRefusedWithItsPosition() throws {
        let rules = try copyOfRules()
        let file = rules.appendingPathComponent("pii/numbers.toml")
        try replace(
            "pattern = '''(?<![0-9])[0-9]{3}[\\-\\s]", with: "pattern = '''(?<![0-9])[0-9]{3}([\\-\\s]", in: file)
        let line = try line(of: "[0-9]{3}([\\-\\s]", in: file)
        let run = try PorchProcess.run(["rules", "check", rules.path])
        #expect(run.status == 2)
        #expect(run.stdout.contains("pii/numbers.toml:\(line):"))
        #expect(run.stdout.contains("[pii.ssn.us]"))
        #expect(run.stdout.contains("missing closing parenthesis"))
    }

    /// Replaces the `unless` of the context cue `id` (one line, or an array up to its closing `]`) with
    /// `replacement`, or removes it; returns the 1-based line it started on.
    func editUnless(of id: String, in file: URL, replacement: String?) throws -> Int {
        var lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
        let start = try #require(lines.firstIndex { $0 == "id = \"\(id)\"" })
        let index = try #require(lines[start...].firstIndex { $0.hasPrefix("unless = ") })
        let end = lines[index] == "unless = [" ? try #require(lines[index...].firstIndex { $0 == "]" }) : index
        lines.replaceSubrange(index...end, with: replacement.map { [$0] } ?? [])
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        return index + 1
    }

    @Test func aCueStandsAsideWhereItsUnlessIsFound() throws {
        // Without its `unless`, the job-change cue lowers "quitting my job and the kids will be better off without
        // me": its no_match example then fails, so the shipped examples prove `unless` is applied.
        let rules = try copyOfRules()
        let file = rules.appendingPathComponent("crisis/context.toml")
        _ = try editUnless(of: "context.negation.job-change", in: file, replacement: nil)
        let run = try PorchProcess.run(["rules", "check", rules.path])
        #expect(run.status == 2)
        #expect(run.stdout.contains("[context.negation.job-change]: the cue applies to this no_match example"))
    }

    @Test func anUnlessThatDoesNotCompileIsRefusedAtItsLine() throws {
        let rules = try copyOfRules()
        let file = rules.appendingPathComponent("crisis/context.toml")
        let line = try editUnless(
            of: "context.negation.job-change", in: file, replacement: "unless = '''(?:quit'''")
        let run = try PorchProcess.run(["rules", "check", rules.path])
        #expect(run.status == 2)
        #expect(run.stdout.contains("crisis/context.toml:\(line):"))
        #expect(run.stdout.contains("[context.negation.job-change]: 'unless': "))
    }

    @Test func aFailingExampleIsReportedAtTheExample() throws {
        let rules = try copyOfRules()
        let file = rules.appendingPathComponent("pii/contact.toml")
        try replace("no_match = [\"meet @ 3pm\"", with: "no_match = [\"mail x@example.org\", \"meet @ 3pm\"", in: file)
        let line = try line(of: "mail x@example.org", in: file)
        let run = try PorchProcess.run(["rules", "check", rules.path])
        #expect(run.status == 2)
        #expect(
            run.stdout.contains("pii/contact.toml:\(line):13: error [pii.email.address]: matches a no_match example"))
        #expect(run.lines.last?.contains("1 failed") == true)
    }

    @Test func aSyntaxErrorRefusesTheWholeFile() throws {
        let rules = try copyOfRules()
        let file = rules.appendingPathComponent("spam/spam.toml")
        try replace("score = 1.5", with: "score = 1.5.5", in: file)
        let line = try line(of: "score = 1.5.5", in: file)
        let run = try PorchProcess.run(["rules", "check", rules.path])
        #expect(run.status == 2)
        #expect(run.stdout.contains("spam/spam.toml:\(line):9: error: '1.5.5' is not a value"))
    }

    @Test func aStaleResourceWarnsWithoutFailing() throws {
        let rules = try copyOfRules()
        let file = rules.appendingPathComponent("resources.toml")
        let text = try String(contentsOf: file, encoding: .utf8)
        let first = try #require(text.range(of: "verified = "))
        let end = text[first.upperBound...].firstIndex(of: "\n")!
        try (text[..<first.upperBound] + "2020-01-01" + text[end...]).write(to: file, atomically: true, encoding: .utf8)
        let run = try PorchProcess.run(["rules", "check", rules.path])
        #expect(run.status == 0)
        #expect(run.stdout.contains("warning: '988 Suicide & Crisis Lifeline' was last verified on 2020-01-01"))
    }
}

/// Hostile rules: a careless pattern is named by the check, and a post that trips it is held, never leaked.
@Suite struct HostileRuleTests {
    static let hostileRule = """

        [[rule]]
        id = "pii.test.runaway"
        description = "A careless rule with nested repetition."
        type = "PERSON"
        placeholder = "name"
        pattern = '(?:[a-z]+\\s?)+$'
        match = ["[[abc def]]"]

        """

    /// A copy of the shipped rules with the hostile rule appended to pii/contact.toml.
    func hostileRules() throws -> (URL, Int) {
        let folder = try PorchProcess.temporaryFolder().appendingPathComponent("Rules")
        try FileManager.default.copyItem(atPath: PorchProcess.rules, toPath: folder.path)
        let file = folder.appendingPathComponent("pii/contact.toml")
        let text = try String(contentsOf: file, encoding: .utf8)
        try (text + HostileRuleTests.hostileRule).write(to: file, atomically: true, encoding: .utf8)
        let line =
            text.components(separatedBy: "\n").count + HostileRuleTests.hostileRule.components(separatedBy: "\n")
            .firstIndex { $0.hasPrefix("pattern") }!
        return (folder, line)
    }

    @Test func rulesCheckNamesACatastrophicPattern() throws {
        let (rules, line) = try hostileRules()
        let run = try PorchProcess.run(["rules", "check", rules.path])
        #expect(run.status == 2)
        #expect(
            run.stdout.contains(
                "pii/contact.toml:\(line):11: error [pii.test.runaway]: the pattern backtracks catastrophically"))
    }

    @Test func rulesTheCheckRefusesAreRefusedByScrubToo() throws {
        let (rules, _) = try hostileRules()
        let run = try PorchProcess.run(["scrub", "--rules", rules.path], stdin: "call (312) 555-0142")
        #expect(run.status == 2)
        #expect(run.stderr.contains("pii.test.runaway"))
        #expect(run.stdout.isEmpty)
    }

    /// A careless rule the check's adversarial inputs miss (no run of `q`s among them), as one might slip through.
    func slipperyRules() throws -> URL {
        let folder = try PorchProcess.temporaryFolder().appendingPathComponent("Rules")
        try FileManager.default.copyItem(atPath: PorchProcess.rules, toPath: folder.path)
        let file = folder.appendingPathComponent("pii/contact.toml")
        let text = try String(contentsOf: file, encoding: .utf8)
        let rule = HostileRuleTests.hostileRule.replacingOccurrences(
            of: #"pattern = '(?:[a-z]+\s?)+$'"#, with: #"pattern = '(?:q|qq)+z'"#
        ).replacingOccurrences(of: #"match = ["[[abc def]]"]"#, with: #"match = ["[[qqz]]"]"#)
        try (text + rule).write(to: file, atomically: true, encoding: .utf8)
        return folder
    }

    @Test func aPostThatTripsTheMatchLimitIsHeldNotPrinted() throws {
        let rules = try slipperyRules()
        #expect(try PorchProcess.run(["rules", "check", rules.path]).status == 0, "the rule must slip past the check")
        let post = "call me on (312) 555-0142 " + String(repeating: "q", count: 3_000) + "! zed"
        let input = "{\"id\": \"ok\", \"text\": \"call (312) 555-0142\"}\n{\"id\": \"bad\", \"text\": \"\(post)\"}\n"
        let run = try PorchProcess.run(["scrub", "--format", "jsonl", "--rules", rules.path], stdin: input)
        #expect(run.status == 3)
        let objects = try run.jsonLines()
        #expect(objects.map { $0["id"] as? String } == ["ok", "bad"])
        #expect(objects[0]["text"] as? String == "call [phone 1]")
        #expect(objects[1]["text"] is NSNull)
        #expect((objects[1]["held"] as? String)?.contains("pii.test.runaway") == true)
        #expect(!run.stdout.contains("555-0142"))
        #expect(run.stderr.contains("held"))
    }
}
