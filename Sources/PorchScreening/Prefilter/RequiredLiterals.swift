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

    /// Longer words are cut to their first this many bytes: a text with the word has its beginning too, and
    /// every byte of every word is a state in the scanner's table, which must stay small enough for the cache.
    static let maximumLength = 12

    /// The word's first `maximumLength` bytes, ending at a character's edge (a word outside ASCII is never cut
    /// inside a character).
    static func cutToMaximumLength(_ word: String) -> [UInt8] {
        var length = 0
        for scalar in word.unicodeScalars {
            let width = UTF8.width(scalar)
            guard length + width <= maximumLength else { break }
            length += width
        }
        return Array(word.utf8.prefix(length))
    }

    /// The set with words cut to `maximumLength` and without words that contain another of its words: "ahurt"
    /// adds nothing when "hurt" is there.
    static func minimal(_ words: Set<String>) -> Set<String> {
        var kept: [[UInt8]] = []
        let cut = Set(words.map(cutToMaximumLength))
        for word in cut.sorted(by: { $0.count < $1.count }) {
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
    /// Words one of which every match contains, or nil: the gate as one set.
    var required: Set<String>? { gate?.flattened.alternatives[0][0] }

    /// The parts of a sequence with adjacent literals joined into longer words, and choices of literals into
    /// every combination ("\\.(?:com|net)" into ".com" or ".net").
    static func joiningLiterals(_ parts: [PatternNode]) -> [PatternNode] {
        var merged: [PatternNode] = []
        var lastTexts: [String]?  // the literal texts of `merged.last`, worked out once
        for part in parts {
            let texts = part.literalTexts
            if let previous = lastTexts, let next = texts, previous.count * next.count <= PatternNode.maximumChoices {
                let joined = previous.flatMap { head in next.map { PatternNode.joined(head, $0) } }
                merged[merged.count - 1] = .choice(joined)
                lastTexts = joined
                continue
            }
            switch (merged.last, part) {
            case (.literal(let previous)?, .repeated(let next)):
                // The word so far ends with the repeated character's first copy; a new word starts
                // with its last copy.
                merged[merged.count - 1] = .literal(previous + next)
                merged.append(.literal(next))
                lastTexts = [next]
            case (_, .repeated(let next)):
                merged.append(.literal(next))
                lastTexts = [next]
            case (_, .foreign(_, let folded)):
                // A character outside ASCII on its own ("🩸") is a word of its own, as it is beside others.
                merged.append(.literal(folded))
                lastTexts = texts
            default:
                merged.append(part)
                lastTexts = texts
            }
        }
        return merged
    }

    /// Two texts one after the other, as the keyword scanner reads them: two spaces that meet are one.
    static func joined(_ head: String, _ tail: String) -> String {
        head.hasSuffix(" ") && tail.hasPrefix(" ") ? head + tail.dropFirst() : head + tail
    }

    /// The most combinations of literal choices followed.
    static let maximumChoices = 32

    /// One literal, or a choice of literals.
    static func choice(_ texts: [String]) -> PatternNode {
        texts.count == 1 ? .literal(texts[0]) : .alternation(texts.map { .literal($0) })
    }

    /// Every text this node can match, when it is nothing but literal text: "(?:com|net)" → ["com", "net"].
    var literalTexts: [String]? {
        switch self {
        case .literal(let text):
            return [text]
        case .space:
            return [" "]
        case .foreign(_, let folded):
            return [folded]
        case .sequence(let parts):
            var texts = [""]
            for part in parts {
                guard let next = part.literalTexts, texts.count * next.count <= PatternNode.maximumChoices else {
                    return nil
                }
                texts = texts.flatMap { head in next.map { PatternNode.joined(head, $0) } }
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
        Double(words.map(\.utf8.count).min() ?? 0) - Double(words.count) / 1_000
    }
}

/// Words a text must contain for a pattern to have a match there, finer than one set: any one of `alternatives`,
/// each a list of word sets from every one of which the text must contain a word. "(?:said|told me) … (?:kill|hurt)"
/// needs a word of each set, where `PatternNode.required` keeps only the better of the two.
struct LiteralGate: Equatable {
    var alternatives: [[Set<String>]]

    /// Fewer alternatives than this, and fewer sets in one, keep the check a handful of bit tests.
    static let maximumAlternatives = 16
    static let maximumSets = 4

    /// A gate of one word set.
    init(_ words: Set<String>) { alternatives = [[words]] }

    init(alternatives: [[Set<String>]]) { self.alternatives = alternatives }

    /// One set that every match still needs a word of: each alternative's best set, together.
    var flattened: LiteralGate {
        var union = Set<String>()
        for sets in alternatives {
            union.formUnion(sets.max { PatternNode.score($0) < PatternNode.score($1) } ?? [])
        }
        return LiteralGate(union)
    }

    /// Both gates: every pairing of their alternatives, or, when that is too many, the flattened form of the
    /// larger one.
    func and(_ other: LiteralGate) -> LiteralGate {
        if alternatives.count * other.alternatives.count > LiteralGate.maximumAlternatives {
            return alternatives.count >= other.alternatives.count
                ? flattened.and(other) : and(other.flattened)
        }
        var result: [[Set<String>]] = []
        for left in alternatives {
            for right in other.alternatives {
                // The best sets, if there are too many: each one only ever narrows the gate.
                let sets = (left + right).sorted { PatternNode.score($0) > PatternNode.score($1) }
                result.append(Array(sets.prefix(LiteralGate.maximumSets)))
            }
        }
        return LiteralGate(alternatives: result)
    }

    /// Either gate. Alternatives of a single set join into one set.
    static func either(_ gates: [LiteralGate]) -> LiteralGate {
        var single = Set<String>()
        var alternatives: [[Set<String>]] = []
        for sets in gates.flatMap(\.alternatives) {
            if sets.count == 1 { single.formUnion(sets[0]) } else { alternatives.append(sets) }
        }
        if !single.isEmpty { alternatives.insert([single], at: 0) }
        let gate = LiteralGate(alternatives: alternatives)
        return alternatives.count > maximumAlternatives ? gate.flattened : gate
    }

    /// The same gate without words that contain another word of their set.
    var minimal: LiteralGate {
        LiteralGate(alternatives: alternatives.map { $0.map(RequiredLiterals.minimal) })
    }

    /// Every word the gate looks for.
    var words: Set<String> { Set(alternatives.flatMap { $0.flatMap { $0 } }) }
}

extension PatternNode {
    /// The words a text needs for this node to match in it, as a `LiteralGate`; nil when there are none.
    var gate: LiteralGate? {
        switch self {
        case .literal(let text), .repeated(let text):
            return text.utf8.count >= RequiredLiterals.minimumLength ? LiteralGate([text]) : nil
        case .character, .foreign, .space, .assertion, .wordBoundary, .optional, .opaque:
            return nil
        case .lookaround(let inner):
            // What a lookahead or lookbehind finds is in the text too.
            return inner.gate
        case .alternation(let branches):
            var gates: [LiteralGate] = []
            for branch in branches {
                guard let gate = branch.gate else { return nil }
                gates.append(gate)
            }
            return LiteralGate.either(gates)
        case .sequence(let parts):
            var result: LiteralGate?
            for part in PatternNode.joiningLiterals(parts) {
                guard let gate = part.gate else { continue }
                result = result.map { $0.and(gate) } ?? gate
            }
            return result
        }
    }
}

extension PatternNode {
    /// The most copies of a quantified character the reader writes out ("[0-9]{40}" counts as 16 digits).
    static let maximumCopies = 16

    /// How many ASCII digits in a row every match contains (0: maybe none), so a rule can be skipped on a post
    /// without such a run: "[0-9]{5}" needs five, "[0-9]{3}-[0-9]{4}" four. Only `[0-9]`-style classes and
    /// literal digits count (`\d` may match other digits).
    var digitRun: Int {
        switch self {
        case .literal(let text):
            return PatternNode.longestDigitRun(in: text)
        case .repeated(let text):
            return PatternNode.longestDigitRun(in: text) > 0 ? 1 : 0
        case .character(let set):
            return set.isASCIIDigits ? 1 : 0
        case .foreign:
            return 0
        case .alternation(let branches):
            return branches.map(\.digitRun).min() ?? 0
        case .sequence(let parts):
            // Digits that follow each other directly make one run; anything else (even an optional part or
            // an assertion) ends it, and a part's own run counts on its own.
            var longest = 0
            var run = 0
            for part in PatternNode.flattened(parts) {
                if let digits = part.allDigits {
                    run += digits
                } else {
                    run = 0
                    longest = max(longest, part.digitRun)
                }
                longest = max(longest, run)
            }
            return longest
        case .space, .assertion, .wordBoundary, .optional, .opaque:
            return 0
        case .lookaround(let inner):
            return inner.digitRun
        }
    }

    /// The number of characters, when the node is nothing but ASCII digits of a fixed number.
    private var allDigits: Int? {
        switch self {
        case .literal(let text):
            return text.utf8.allSatisfy { $0 &- UInt8(ascii: "0") < 10 } ? text.utf8.count : nil
        case .character(let set):
            return set.isASCIIDigits ? 1 : nil
        default:
            return nil
        }
    }

    /// The parts of a sequence, with the parts of sequences inside it in their place.
    private static func flattened(_ parts: [PatternNode]) -> [PatternNode] {
        parts.flatMap { part -> [PatternNode] in
            if case .sequence(let inner) = part { return flattened(inner) }
            return [part]
        }
    }

    private static func longestDigitRun(in text: String) -> Int {
        var longest = 0
        var run = 0
        for byte in text.utf8 {
            run = byte &- UInt8(ascii: "0") < 10 ? run + 1 : 0
            longest = max(longest, run)
        }
        return longest
    }
}
