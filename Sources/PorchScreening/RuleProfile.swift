import Dispatch
import PCRE2
import PorchRules

/// How long each rule's pattern takes over a set of texts, for `porch-bench --per-rule`: the rules a
/// rule editor should look at first when screening gets slow.
public enum RuleProfile {
    public static func measure(_ rules: RuleSet, texts: [String]) -> [(rule: String, seconds: Double)] {
        let normalizer = Normalizer()
        let matcher = Matcher()
        let normalized = texts.map { normalizer.normalize($0, using: matcher) }
        var timings: [(String, Double)] = []
        var normalizeTime = DispatchTime.now().uptimeNanoseconds
        for text in texts { _ = normalizer.normalize(text, using: matcher) }
        normalizeTime = DispatchTime.now().uptimeNanoseconds - normalizeTime
        timings.append(("(normalizer)", Double(normalizeTime) / 1e9))
        for rule in rules.rules {
            guard let compiled = try? CompiledMatcher(rule.matcher) else { continue }
            let start = DispatchTime.now().uptimeNanoseconds
            for text in normalized where compiled.canMatch(text) {
                _ = try? matcher.matches(of: compiled.regex, in: text.subject)
            }
            timings.append((rule.id, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
        }
        return timings.sorted { $0.1 > $1.1 }
    }
}
