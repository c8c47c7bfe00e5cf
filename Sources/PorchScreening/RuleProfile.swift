import Dispatch
import PCRE2
import PorchRules

/// How long each rule takes over a set of texts, prefilters included, for `porch-bench --per-rule`: the
/// rules a rule editor should look at first when screening gets slow.
public enum RuleProfile {
    public static func measure(_ screener: Screener, rules: RuleSet, texts: [String]) -> [(
        rule: String, seconds: Double
    )] {
        let matcher = Matcher()
        func time(_ body: () -> Void) -> Double {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }
        var prepared: [NormalizedText] = []
        var timings: [(String, Double)] = []
        timings.append(
            ("(normalizer)", time { for text in texts { _ = screener.normalizer.normalize(text, using: matcher) } }))
        timings.append(
            ("(normalizer + keyword scan)", time { prepared = texts.map { screener.prepare($0, matcher: matcher) } }))
        timings.append(
            ("(crisis folded view)", time { for text in prepared { _ = ObfuscationFolding.fold(text.subject) } }))
        let ids = rules.rules.map(\.id)
        for (name, rule) in screener.rulePlans where ids.contains(name) {
            var ran = 0
            let seconds = time {
                for text in prepared where rule.mayMatch(text.facts) {
                    ran += 1
                    _ = try? matcher.matches(of: rule.regex, in: text.subject)
                }
            }
            // How Porch rewrote the pattern to try it at fewer places, if it did (StartCharacters.fasterPattern).
            let form =
                rule.regex.pattern == rule.pattern
                ? "" : rule.regex.pattern.contains("(*SKIP)") ? ", skips words" : ", lookahead"
            // On how many posts it matches at all: the least a prefilter could let it run on.
            let matched = prepared.count { (try? matcher.firstMatch(of: rule.regex, in: $0.subject)) != nil }
            func percent(_ count: Int) -> Int { count * 100 / max(1, texts.count) }
            // The words a post needs for the rule to run: none known means it runs wherever its bytes allow.
            let gate =
                rule.words.map { gate in
                    "words: "
                        + gate.alternatives.map { $0.map { "\($0.count)" }.joined(separator: "&") }.joined(
                            separator: "|")
                } ?? "no word gate"
            timings.append(
                ("\(name) (ran on \(percent(ran))%, matched on \(percent(matched))%\(form), \(gate))", seconds))
        }
        return timings.sorted { $0.1 > $1.1 }
    }
}
