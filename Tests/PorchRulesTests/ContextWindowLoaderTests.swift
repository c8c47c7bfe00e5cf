import Foundation
import PorchRules
import Testing

/// Context windows in words and their cue lists, as rule files write them.
extension RuleLoaderTests {
    static func cuedRule(_ context: String) -> String {
        """
        [[rule]]
        id = "pii.cued.test"
        description = "A number near a cue."
        type = "NATIONAL_ID"
        \(context)
        pattern = '[0-9]{5}'
        match = ["names 12345"]
        """
    }

    @Test func aConceptListAsContextBecomesItsEntries() throws {
        let path = try makeRules(
            pii: RuleLoaderTests.cuedRule("context = \"{names}\"\ncontext_before = 4\ncontext_after = 2"))
        let (set, _) = try RuleLoader.load(directory: path)
        let rule = try #require(set.rules.first { $0.id == "pii.cued.test" })
        guard case .pii(let details) = rule.kind else { Issue.record("not a PII rule"); return }
        #expect(details.context.sorted() == ["jess", "lily"])
        #expect(details.contextWords == ContextWords(before: 4, after: 2))
    }

    @Test func aMissingCueListIsRefusedByName() throws {
        let problems = try refusal(RuleLoaderTests.cuedRule("context = [\"{mrn-cues}\"]\ncontext_before = 4"))
        #expect(problems.contains { $0.message.contains("no concept list '{mrn-cues}'") })
    }

    @Test func bothKindsOfWindowOrAnEmptyOneAreRefused() throws {
        let both = try refusal(RuleLoaderTests.cuedRule("context = [\"ssn\"]\ncontext_window = 20\ncontext_before = 4"))
        #expect(both.contains { $0.message.contains("not both") })
        let empty = try refusal(RuleLoaderTests.cuedRule("context = [\"ssn\"]\ncontext_before = 0"))
        #expect(empty.contains { $0.message.contains("the context window is empty") })
        let noCues = try refusal(RuleLoaderTests.cuedRule("context_after = 3"))
        #expect(noCues.contains { $0.message.contains("needs 'context'") })
    }

    @Test func resourceNumbersAndHelplinesBecomeOneAllowRule() throws {
        let (set, _) = try RuleLoader.load(directory: try makeRules(pii: RuleLoaderTests.goodRule))
        let rule = try #require(set.rules.first { $0.id == Helpline.ruleID })
        guard case .pattern(let pattern) = rule.matcher.source else { Issue.record("not a pattern"); return }
        #expect(pattern.contains("9[\\s.\\-()]{0,2}8[\\s.\\-()]{0,2}8"))
        let forms = try #require(Helpline.pattern(for: "0800 1111", region: "UK"))
        #expect(forms.contains("44"))
        #expect(
            Helpline.numbers(inContact: "Call 1-800-799-7233 or text START to 88788") == ["1-800-799-7233", "88788"])
    }
}
