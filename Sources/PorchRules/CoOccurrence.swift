/// Co-occurrence rules: `all = ["{self-harm-act}", "{now}"]` matches where every part is found, in any order,
/// within one sentence (`within = "sentence"`) or a sentence and the next (`within = "next-sentence"`).
///
/// A part is written like a phrase (whole words, any case, a space for any whitespace, `{name}` for a concept
/// list). The rule becomes one PCRE2 pattern, so the prefilters, the folded view and `porch rules check` treat
/// it like any other; its match runs from the first part to the last, so a moderator sees both.
public enum CoOccurrence {
    /// How far apart the parts may be.
    public enum Window: String, Sendable, CaseIterable {
        /// No `.`, `!`, `?` or line break between the parts.
        case sentence
        /// At most one run of sentence ends between the parts: the same sentence or the next.
        case nextSentence = "next-sentence"
    }

    /// The most parts a rule may combine (every order of them is tried: 2 parts are 2 orders, 3 are 6).
    public static let maximumParts = 3

    /// The most characters between two parts inside one sentence.
    public static let sentenceReach = 160

    /// The pattern for `parts` within `window`; the `{name}` references stay in it, for `ConceptLists` to expand.
    public static func pattern(parts: [String], within window: Window) -> String {
        let written = parts.map(partPattern)
        let gap: String
        let clause = "[^.!?\\n]{0,\(sentenceReach)}?"
        switch window {
        case .sentence: gap = clause
        case .nextSentence: gap = clause + "(?:[.!?\\n]++" + clause + ")?"
        }
        let orders = permutations(Array(written.indices)).map { order in
            order.map { written[$0] }.joined(separator: gap)
        }
        return "(?:" + orders.joined(separator: "|") + ")"
    }

    /// One part as a whole-word pattern: the literal text escaped, each `{name}` kept for expansion.
    static func partPattern(_ part: String) -> String {
        let scalars = Array(part.trimmingSpaces.unicodeScalars)
        var pattern = ""
        var last = 0
        for reference in ConceptLists.references(in: String(String.UnicodeScalarView(scalars))) {
            pattern += PhrasePattern.piece(scalars[last..<reference.range.lowerBound])
            pattern += "{\(reference.name)}"
            last = reference.range.upperBound
        }
        pattern += PhrasePattern.piece(scalars[last...])
        return "(?<![\\p{L}\\p{N}])" + pattern + "(?![\\p{L}\\p{N}])"
    }

    static func permutations(_ items: [Int]) -> [[Int]] {
        guard items.count > 1 else { return [items] }
        return items.indices.flatMap { index in
            var rest = items
            let first = rest.remove(at: index)
            return permutations(rest).map { [first] + $0 }
        }
    }
}
