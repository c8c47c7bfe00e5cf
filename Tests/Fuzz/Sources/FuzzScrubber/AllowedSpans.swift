import FuzzSupport
import PCRE2
import PorchRules
import PorchScreening

/// The `[[allow]]` rules compiled by the fuzz target itself, to tell a value an allow rule protects
/// elsewhere in the text from a leak.
///
/// Patterns compile as the scrubber compiles them; phrase lists follow the documented phrase semantics
/// (whole words, any case, a space matches any run of white space).
struct AllowedSpans {
    let regexes: [Regex]

    init(rules: RuleSet) {
        var regexes: [Regex] = []
        for rule in rules.rules {
            guard case .allow = rule.kind else { continue }
            var options: RegexOptions = []
            if rule.matcher.caseless { options.insert(.caseless) }
            if rule.matcher.unicodeClasses { options.insert(.unicodeClasses) }
            let pattern: String
            switch rule.matcher.source {
            case .pattern(let text):
                pattern = text
            case .phrases(let phrases):
                options.insert(.caseless)
                pattern = AllowedSpans.pattern(forPhrases: phrases)
            }
            do {
                regexes.append(try Regex(pattern, options: options))
            } catch {
                Invariant.fail("allow rule \(rule.id) does not compile: \(error)")
            }
        }
        self.regexes = regexes
    }

    /// Whole-word alternation of literal phrases.
    static func pattern(forPhrases phrases: [String]) -> String {
        let alternatives = phrases.map { phrase in
            phrase.split(whereSeparator: { $0 == " " || $0 == "\t" })
                .map { "\\Q" + $0.replacing("\\E", with: "\\E\\\\E\\Q") + "\\E" }
                .joined(separator: "\\s+")
        }
        return "(?<![\\p{L}\\p{N}])(?:" + alternatives.joined(separator: "|") + ")(?![\\p{L}\\p{N}])"
    }

    /// The input scalar ranges the allow rules match, found on the normalized text as the scrubber does.
    func ranges(in text: NormalizedText, matcher: Matcher) -> [Range<Int>] {
        var found: [Range<Int>] = []
        for regex in regexes {
            let matches = (try? matcher.matches(of: regex, in: text.subject)) ?? []
            found += matches.map { text.originalRange(ofBytes: $0.range) }
        }
        return found
    }
}
