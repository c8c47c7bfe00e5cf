/// Finds words that every match of a pattern must contain, so a rule can be skipped on a post that has
/// none of them (the literal prefilter of RE2 and Hyperscan, for the subset of PCRE2 that rules use).
///
/// The answer is always safe: `extract` returns nil ("run the rule on every post") for anything it does
/// not fully understand, and a set only when every possible match contains one of its words (compared
/// lower-cased: a case-sensitive pattern then just runs a little more often than it must).
enum RequiredLiterals {
    /// Shorter words are in almost every post and would filter nothing.
    static let minimumLength = 3

    /// Words, one of which appears (lower-cased) in every match of `pattern`; nil when there is no such set.
    static func extract(_ pattern: String) -> Set<String>? {
        PatternParser.read(pattern)?.required.map(minimal)
    }

    /// The set without words that contain another of its words: "ahurt" adds nothing when "hurt" is there.
    static func minimal(_ words: Set<String>) -> Set<String> {
        var kept: [[UInt8]] = []
        for word in words.map({ Array($0.utf8) }).sorted(by: { $0.count < $1.count }) {
            let redundant = kept.contains { shorter in
                (0...(word.count - shorter.count)).contains { start in
                    word[start..<(start + shorter.count)].elementsEqual(shorter)
                }
            }
            if !redundant { kept.append(word) }
        }
        return Set(kept.map { String(decoding: $0, as: UTF8.self) })
    }
}

extension PatternNode {
    /// Words one of which every match contains, or nil.
    var required: Set<String>? {
        switch self {
        case .literal(let text), .repeated(let text):
            return text.count >= RequiredLiterals.minimumLength ? [text] : nil
        case .character, .assertion, .wordBoundary, .optional, .opaque:
            return nil
        case .alternation(let branches):
            var union = Set<String>()
            for branch in branches {
                guard let words = branch.required else { return nil }
                union.formUnion(words)
            }
            return union
        case .sequence(let parts):
            // Adjacent literals join into longer words first, choices of literals into every combination
            // ("\\.(?:com|net)" requires ".com" or ".net"); then the best single requirement is kept.
            var merged: [PatternNode] = []
            for part in parts {
                if let previous = merged.last?.literalTexts, let next = part.literalTexts,
                    previous.count * next.count <= PatternNode.maximumChoices
                {
                    merged[merged.count - 1] = .choice(previous.flatMap { head in next.map { head + $0 } })
                    continue
                }
                switch (merged.last, part) {
                case (.literal(let previous)?, .repeated(let next)):
                    // The word so far ends with the repeated character's first copy; a new word starts
                    // with its last copy.
                    merged[merged.count - 1] = .literal(previous + next)
                    merged.append(.literal(next))
                case (_, .repeated(let next)):
                    merged.append(.literal(next))
                default:
                    merged.append(part)
                }
            }
            var best: Set<String>?
            for part in merged {
                guard let words = part.required else { continue }
                if let current = best, PatternNode.score(current) >= PatternNode.score(words) { continue }
                best = words
            }
            return best
        }
    }

    /// The most combinations of literal choices followed.
    static let maximumChoices = 64

    /// One literal, or a choice of literals.
    static func choice(_ texts: [String]) -> PatternNode {
        texts.count == 1 ? .literal(texts[0]) : .alternation(texts.map { .literal($0) })
    }

    /// Every text this node can match, when it is nothing but literal text: "(?:com|net)" → ["com", "net"].
    var literalTexts: [String]? {
        switch self {
        case .literal(let text):
            return [text]
        case .sequence(let parts):
            var texts = [""]
            for part in parts {
                guard let next = part.literalTexts, texts.count * next.count <= PatternNode.maximumChoices else {
                    return nil
                }
                texts = texts.flatMap { head in next.map { head + $0 } }
            }
            return texts
        case .alternation(let branches):
            var texts: [String] = []
            for branch in branches {
                guard let next = branch.literalTexts else { return nil }
                texts += next
            }
            return texts.count <= PatternNode.maximumChoices ? texts : nil
        case .optional(let inner, once: true):
            // "ex-?" is "ex" or "ex-".
            return inner.literalTexts.map { [""] + $0 }
        default:
            return nil
        }
    }

    /// Prefer sets whose shortest word is long, then sets with fewer words.
    static func score(_ words: Set<String>) -> Double {
        Double(words.map(\.count).min() ?? 0) - Double(words.count) / 1_000
    }
}
