import Foundation
import PCRE2
import PorchRules

/// A rule as Porch runs it: its pattern compiled (phrases become one alternation of whole-word literals, and a
/// pattern may be rewritten to be tried at fewer places, which `porch rules check` proves matches the same), and
/// the gates a post must pass before it is tried at all. A lane holds one plan per rule and asks it one question,
/// `mayMatch(_:)`; what the gates are is this folder's business.
struct RulePlan: Sendable {
    let regex: Regex
    /// The pattern as the rule states it (phrases written out as a pattern); `regex` may be a faster
    /// rewrite of it with the same matches (`StartCharacters.fasterPattern`).
    let pattern: String
    let options: RegexOptions
    /// The words a post needs for a match (nil: none are known).
    let words: LiteralGate?
    /// `words` as ids in the prefilter's keyword scanner, once bound.
    private var wordIDs: [[[Int32]]]?
    /// How many ASCII digits in a row every match holds (`PatternNode.digitRun`).
    private let digitRun: Int
    /// Sets of byte pairs every match holds one pair of (`PatternNode.bytePairs`).
    private let bytePairs: [UInt64]
    /// Sets of bytes every match holds one byte of (`PatternNode.requiredBytes`).
    private let requiredBytes: [ByteSet]
    /// The lists of single words the rule's groups must be words of (PII `in_list`).
    private(set) var lists: [ListRequirement] = []
    /// `lists` as bits of the prefilter's list scanner, once bound.
    private var listGate: ListGate?

    /// The rule's plan. Unless `analysed`, the pattern is not read for the prefilters (no words, digit runs or byte
    /// pairs; PCRE2's own first and required bytes still gate it), is compiled as written and is matched by PCRE2's
    /// interpreter: for a command that screens a post or two, where reading every pattern and JIT-compiling it cost
    /// more than they save.
    ///
    /// `execution` overrides how an analysed plan is matched: a one-post command reads the patterns for their gates
    /// (or takes the gates it kept, `init(_:kept:)`) but matches with the interpreter.
    init(_ matcher: RuleMatcher, analysed: Bool = true, execution: RegexExecution? = nil) throws(PCRE2Error) {
        (pattern, options) = RulePlan.source(of: matcher)
        let execution = execution ?? (analysed ? .jit : .interpreter)
        // Read once for both prefilters: the words every match contains, the characters it starts with.
        let node = analysed ? PatternParser.read(pattern, caseless: options.contains(.caseless)) : nil
        // The guarded form holds Y twice; a pattern near PCRE2's size limit runs as written instead.
        if let guarded = LeadingLookahead.guarded(pattern),
            let compiled = try? Regex(guarded, options: options, execution: execution)
        {
            regex = compiled
        } else {
            regex =
                analysed
                ? try RulePlan.compile(pattern, node: node, options: options, execution: execution)
                : try Regex(pattern, options: options, execution: execution)
        }
        words = node?.gate?.minimal
        digitRun = node?.digitRun ?? 0
        bytePairs = node?.bytePairs ?? []
        requiredBytes = node?.requiredBytes ?? []
    }

    /// The rule's plan from the gates a one-post command kept (`gates`, bound to the keyword ids the gates were kept
    /// with): no pattern is read; the kept form of the pattern is compiled and matched by PCRE2's interpreter.
    init(_ matcher: RuleMatcher, kept gates: Gates) throws(PCRE2Error) {
        (pattern, options) = RulePlan.source(of: matcher)
        regex = try Regex(gates.runPattern, options: options, execution: .interpreter)
        words = nil
        wordIDs = gates.wordIDs
        digitRun = gates.digitRun
        bytePairs = gates.bytePairs
        requiredBytes = gates.requiredBytes
    }

    /// The pattern a rule states (phrases written out as one) and its options.
    private static func source(of matcher: RuleMatcher) -> (String, RegexOptions) {
        var options: RegexOptions = []
        if matcher.caseless { options.insert(.caseless) }
        if matcher.unicodeClasses { options.insert(.unicodeClasses) }
        switch matcher.source {
        case .pattern(let text):
            return (text, options)
        case .phrases(let phrases):
            options.insert(.caseless)
            return (RulePlan.pattern(forPhrases: phrases), options)
        }
    }

    /// What reading a pattern found, once its words are bound to a prefilter's keyword ids: what a one-post command
    /// keeps (`PreparedRules`) so the next one gates its rules without reading every pattern again.
    struct Gates: Sendable, Equatable {
        /// The form of the pattern that runs (`regex.pattern`: perhaps rewritten to start faster).
        var runPattern: String
        var wordIDs: [[[Int32]]]?
        var digitRun: Int
        var bytePairs: [UInt64]
        var requiredBytes: [ByteSet]
    }

    /// This plan's gates, bound (`bind`) to the prefilter's keyword ids.
    var gates: Gates {
        Gates(
            runPattern: regex.pattern, wordIDs: wordIDs, digitRun: digitRun, bytePairs: bytePairs,
            requiredBytes: requiredBytes)
    }

    /// Compiles a pattern so PCRE2 tries it at as few places as it can (see `StartCharacters.fasterPattern`).
    static func compile(_ pattern: String, options: RegexOptions) throws(PCRE2Error) -> Regex {
        try compile(pattern, node: PatternParser.read(pattern, caseless: options.contains(.caseless)), options: options)
    }

    static func compile(
        _ pattern: String, node: PatternNode?, options: RegexOptions, execution: RegexExecution = .jit
    ) throws(PCRE2Error) -> Regex {
        guard let node, !node.canBeEmpty else { return try Regex(pattern, options: options, execution: execution) }
        let start = node.start
        guard !start.isAny else { return try Regex(pattern, options: options, execution: execution) }
        // PCRE2's own first bytes only decide the plain lookahead; a pattern that skips words gets the skip
        // either way, and compiling it once less is a millisecond of start-up for the big ones.
        let skipsWords = node.startsAtWordBoundary && start.letterCount >= StartCharacters.lettersWorthSkipping
        let startBytes = skipsWords ? nil : try Regex.startBytes(of: pattern, options: options)
        if let faster = StartCharacters.fasterPattern(for: pattern, node: node, start: start, startBytes: startBytes) {
            return try Regex(faster, options: options, execution: execution)
        }
        return try Regex(pattern, options: options, execution: execution)
    }

    /// Whole-word alternation: spaces match any run of whitespace, an apostrophe may be left out.
    static func pattern(forPhrases phrases: [String]) -> String {
        PhrasePattern.pattern(forPhrases: phrases)
    }

    /// False when the text lacks every byte a match could start with.
    /// False only when no match of the rule can be in a text with these facts: the question every lane asks.
    @inline(__always)
    func mayMatch(_ facts: PostFacts) -> Bool {
        patternMayMatch(facts) && listsMayMatch(facts)
    }

    /// The pattern's own gates: bytes, digit runs, byte pairs, required words. A text they rule out has no match
    /// of the pattern (the check `Screener.prefilterMisses` runs on every example and the fuzzer's texts).
    @inline(__always)
    func patternMayMatch(_ facts: PostFacts) -> Bool {
        if let start = regex.startBytes, !start.intersects(facts.bytes) { return false }
        if let required = regex.requiredBytes, !required.intersects(facts.bytes) { return false }
        if facts.longestDigitRun < digitRun { return false }
        for pairs in bytePairs where pairs & facts.pairs == 0 { return false }
        for bytes in requiredBytes where !bytes.intersects(facts.bytes) { return false }
        if let ids = wordIDs, let hits = facts.keywordHits, !hits.satisfies(ids) { return false }
        return true
    }

    /// The list gate: a text without a word of each gated list has no finding of the rule (the pattern may still
    /// match there, on a word the list check then refuses).
    @inline(__always)
    func listsMayMatch(_ facts: PostFacts) -> Bool {
        guard let listGate, let hits = facts.listHits else { return true }
        return listGate.passes(hits)
    }

    /// Gates the rule on its `in_list` checks that a scan can decide: a group that must be a whole word of a list
    /// of single words short enough to scan for, less the lists the same group must not be in (`notInList`,
    /// group name to list).
    mutating func gate(on checks: [Scrubber.ListCheck], notInList: [String: String]) {
        lists = checks.filter { $0.wholeWord && $0.words.count <= ListWords.maximumWords }.map { check in
            let excluded = notInList.filter { $0.key == check.groupName }.map(\.value).sorted()
            return ListRequirement(list: .init(name: check.list, excluded: excluded), capitalised: check.capitalised)
        }
    }

    /// Takes the prefilter's ids for the rule's words and bits for its lists.
    /// (A plan made from kept gates has its ids already, and no words: they stay.)
    mutating func bind(keywordIDs: [String: Int32], listBits: [ListRequirement.List: UInt64]) {
        if let words {
            wordIDs = words.alternatives.map { sets in sets.map { words in words.map { keywordIDs[$0]! } } }
        }
        let checks = lists.compactMap { requirement in
            listBits[requirement.list].map { (bit: $0, capitalised: requirement.capitalised) }
        }
        listGate = checks.isEmpty ? nil : ListGate(checks: checks)
    }
}

/// A group of a rule that must be a whole word of a list of single words: the list less the lists the group must not
/// be in, and whether the group always starts with a capital letter.
struct ListRequirement: Sendable {
    struct List: Sendable, Hashable {
        let name: String
        let excluded: [String]
    }

    let list: List
    let capitalised: Bool
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
