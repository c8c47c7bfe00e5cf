import Foundation
import PCRE2
import PorchRules

/// A rule's matcher compiled to a PCRE2 pattern: phrases become one alternation of whole-word literals.
struct CompiledMatcher: Sendable {
    let regex: Regex
    /// The pattern as the rule states it (phrases written out as a pattern); `regex` may be a faster
    /// rewrite of it with the same matches (`StartCharacters.fasterPattern`).
    let pattern: String
    let options: RegexOptions
    /// The words a post needs for a match (nil: the rule runs on every post).
    let gate: LiteralGate?
    /// `gate` with the ids of its words in the screener's keyword scanner, once it is built.
    var gateIDs: [[[Int32]]]?
    /// How many ASCII digits in a row every match holds (`PatternNode.digitRun`).
    let digitRun: Int
    /// Sets of byte pairs every match holds one pair of (`PatternNode.bytePairs`).
    let bytePairs: [UInt64]
    /// Sets of bytes every match holds one byte of (`PatternNode.requiredBytes`).
    let requiredBytes: [ByteSet]

    init(_ matcher: RuleMatcher) throws(PCRE2Error) {
        var options: RegexOptions = []
        if matcher.caseless { options.insert(.caseless) }
        if matcher.unicodeClasses { options.insert(.unicodeClasses) }
        switch matcher.source {
        case .pattern(let text):
            pattern = text
        case .phrases(let phrases):
            pattern = CompiledMatcher.pattern(forPhrases: phrases)
            options.insert(.caseless)
        }
        self.options = options
        // Read once for both prefilters: the words every match contains, the characters it starts with.
        let node = PatternParser.read(pattern, caseless: options.contains(.caseless))
        regex = try CompiledMatcher.compile(pattern, node: node, options: options)
        gate = node?.gate?.minimal
        digitRun = node?.digitRun ?? 0
        bytePairs = node?.bytePairs ?? []
        requiredBytes = node?.requiredBytes ?? []
    }

    /// Compiles a pattern so PCRE2 tries it at as few places as it can (see `StartCharacters.fasterPattern`).
    static func compile(_ pattern: String, options: RegexOptions) throws(PCRE2Error) -> Regex {
        try compile(pattern, node: PatternParser.read(pattern, caseless: options.contains(.caseless)), options: options)
    }

    static func compile(_ pattern: String, node: PatternNode?, options: RegexOptions) throws(PCRE2Error) -> Regex {
        guard let node, !node.canBeEmpty else { return try Regex(pattern, options: options) }
        let start = node.start
        guard !start.isAny else { return try Regex(pattern, options: options) }
        // PCRE2's own first bytes only decide the plain lookahead; a pattern that skips words gets the skip
        // either way, and compiling it once less is a millisecond of start-up for the big ones.
        let skipsWords = node.startsAtWordBoundary && start.letterCount >= StartCharacters.lettersWorthSkipping
        let startBytes = skipsWords ? nil : try Regex.startBytes(of: pattern, options: options)
        if let faster = StartCharacters.fasterPattern(for: pattern, node: node, start: start, startBytes: startBytes) {
            return try Regex(faster, options: options)
        }
        return try Regex(pattern, options: options)
    }

    /// Whole-word alternation: spaces match any run of whitespace, an apostrophe may be left out.
    static func pattern(forPhrases phrases: [String]) -> String {
        PhrasePattern.pattern(forPhrases: phrases)
    }

    /// False when the text lacks every byte a match could start with.
    @inline(__always)
    func canMatch(_ text: NormalizedText) -> Bool {
        if let start = regex.startBytes, !start.intersects(text.bytePresence) { return false }
        if let required = regex.requiredBytes, !required.intersects(text.bytePresence) { return false }
        if text.longestDigitRun < digitRun { return false }
        for pairs in bytePairs where pairs & text.bytePairs == 0 { return false }
        for bytes in requiredBytes where !bytes.intersects(text.bytePresence) { return false }
        if let ids = gateIDs, let hits = text.keywordHits, !hits.satisfies(ids) { return false }
        return true
    }

    /// Gives the matcher the ids of its words in `index` (built from every rule's words).
    mutating func useKeywords(_ index: [String: Int32]) {
        gateIDs = gate.map { gate in gate.alternatives.map { sets in sets.map { words in words.map { index[$0]! } } } }
    }
}

extension RuleDiagnostic {
    init(compileError error: PCRE2Error, rule: Rule) {
        var position = rule.matcher.position
        if case .compile(_, let offset) = error, case .pattern(let pattern) = rule.matcher.source,
            rule.matcher.concepts.isEmpty
        {
            // Point at the character PCRE2 stopped at: after the opening quote, across any line breaks.
            let lines = String(String.UnicodeScalarView(pattern.unicodeScalars.prefix(offset)))
                .split(separator: "\n", omittingEmptySubsequences: false)
            if lines.count > 1 {
                position.line += lines.count - 1
                position.column = lines.last!.unicodeScalars.count + 1
            } else {
                position.column += offset + 1
            }
        }
        self.init(.error, file: rule.location.file, position: position, ruleID: rule.id, error.description)
    }
}
