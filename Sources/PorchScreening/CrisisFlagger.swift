import PCRE2
import PorchRules

/// The crisis lane: finds crisis language and reads the context around it (negation, past, someone else,
/// hypothetical, media, idiom) from the cue rules, lowering a match without ever hiding it.
public struct CrisisFlagger: Sendable {
    struct Entry: Sendable {
        let id: String
        let details: CrisisDetails
        var plan: RulePlan
    }

    struct Cue: Sendable {
        let id: String
        let details: ContextDetails
        var plan: RulePlan
        /// The cue's `unless` patterns: any one found anywhere in the post, the cue stands aside.
        let unless: [Regex]
    }

    var entries: [Entry]
    var cues: [Cue]
    /// The learned weights, when the rules folder has `model/crisis.tsv`.
    public let model: CrisisModel?

    public init(rules: RuleSet) throws(RuleLoadError) {
        try self.init(rules: rules, plans: .none)
    }

    /// The lane's rules from `plans`; its weights from `weights` when a prepared folder kept them read.
    init(rules: RuleSet, plans: RulePlans, weights: [String: WeightsFile] = [:]) throws(RuleLoadError) {
        var entries: [Entry] = []
        var cues: [Cue] = []
        var compiledUnless: [UnlessSource: Regex] = [:]
        var problems: [RuleDiagnostic] = []
        for rule in rules.rules {
            do {
                switch rule.kind {
                case .crisis(let details):
                    entries.append(Entry(id: rule.id, details: details, plan: try plans.plan(for: rule)))
                case .context(let details):
                    let plan = try plans.plan(for: rule)
                    var unless: [Regex] = []
                    for pattern in details.unless {
                        do {
                            // Run only on a post the cue matched, so the interpreter: no JIT compile of the long
                            // risk lists at every start, and one compile of a pattern the cues share.
                            let key = UnlessSource(pattern)
                            let regex: Regex
                            if let shared = compiledUnless[key] {
                                regex = shared
                            } else {
                                regex = try RulePlan(pattern, analysed: false).regex
                                compiledUnless[key] = regex
                            }
                            unless.append(regex)
                        } catch {
                            problems.append(
                                RuleDiagnostic(
                                    .error, file: rule.location.file, position: pattern.position, ruleID: rule.id,
                                    "'unless': \(error.description)"))
                        }
                    }
                    cues.append(Cue(id: rule.id, details: details, plan: plan, unless: unless))
                default:
                    continue
                }
            } catch {
                problems.append(RuleDiagnostic(compileError: error, rule: rule))
            }
        }
        var model: CrisisModel?
        do throws(RuleLoadError) {
            if let file = try WeightsFile.named("crisis.tsv", in: rules, kept: weights) {
                model = try CrisisModel(file: file)
            }
        } catch {
            problems += error.diagnostics
        }
        if !problems.isEmpty { throw RuleLoadError(problems) }
        self.entries = entries
        self.cues = cues
        self.model = model
    }

    /// The screener's prefilter, for skipping rules on the folded view too.
    private(set) var prefilter: Prefilter?

    /// Binds every rule's plan to the screener's prefilter.
    mutating func bind(_ prefilter: Prefilter) {
        for position in entries.indices { entries[position].plan = prefilter.bound(entries[position].plan) }
        for position in cues.indices { cues[position].plan = prefilter.bound(cues[position].plan) }
        self.prefilter = prefilter
    }

    /// Every rule's plan, for building the prefilter.
    var plans: [RulePlan] { entries.map(\.plan) + cues.map(\.plan) }

    public func flag(_ text: NormalizedText, matcher: Matcher) throws(HoldReason) -> CrisisVerdict {
        try flag([text], matcher: matcher)[0].get()
    }

    /// Flags many posts, in order: the same verdicts as one post at a time, faster (each rule runs over the whole
    /// batch before the next, so its compiled code stays in the cache). A post a rule could not finish on gets
    /// its hold reason instead of a verdict.
    public func flag(_ texts: [NormalizedText], matcher: Matcher) -> [Result<CrisisVerdict, HoldReason>] {
        let folded = texts.map { text in ObfuscationFolding.fold(text.subject).map(scanned) }
        var raw = [[(entry: Int, bytes: Range<Int>)]](repeating: [], count: texts.count)
        var holds = [HoldReason?](repeating: nil, count: texts.count)
        eachRuleOverBatch(rules: entries.count, texts: texts, holds: &holds) { index, text, post throws(HoldReason) in
            try matches(
                of: index, in: text, folded: folded[post], matcher: matcher
            ) { raw[post].append((index, $0)) }
        }
        return texts.indices.map { post in
            if let hold = holds[post] { return .failure(hold) }
            let finding = model?.assess(HashedFeatures(texts[post].text))
            return Result { () throws(HoldReason) in
                try verdict(raw[post], model: finding, in: texts[post], matcher: matcher)
            }
        }
    }

    /// A post's verdict from its rule matches, weighed against the context cues around them, and the learned
    /// model's reading, which can raise the level but never lower it.
    private func verdict(
        _ raw: [(entry: Int, bytes: Range<Int>)], model: CrisisModelFinding?, in text: NormalizedText,
        matcher: Matcher
    ) throws(HoldReason) -> CrisisVerdict {
        var model = model
        guard !raw.isEmpty || (model?.modelLevel ?? .none) > .none else {
            return CrisisVerdict(level: .none, categories: [], matches: [], model: model)
        }
        let cueMatches = try self.cueMatches(in: text, matcher: matcher)
        var found: [CrisisMatch] = []
        for (index, bytes) in raw {
            let match = crisisMatch(entries[index], bytes: bytes, cues: cueMatches, in: text)
            found.append(match)
            if match.level < entries[index].details.level,
                let later = try laterMatch(of: index, after: bytes, cues: cueMatches, in: text, matcher: matcher)
            {
                found.append(later)
            }
        }
        found.sort { ($0.start, $0.rule) < ($1.start, $1.rule) }
        if let finding = model, let weights = self.model {
            var kinds: [ContextKind] = []
            for (cue, _) in cueMatches where !kinds.contains(cues[cue].details.kind) {
                kinds.append(cues[cue].details.kind)
            }
            model = finding.reading(cues: kinds, loweredBy: weights.loweredBy, below: weights.cuesLowerBelow)
        }
        let (ruleLevel, categories) = weighed(found, in: text)
        let level = max(ruleLevel, model?.level ?? .none)
        return CrisisVerdict(level: level, categories: categories, matches: found, model: model)
    }

    /// Every match of one rule, as byte ranges of the normalized text, found in the text as written and in its
    /// folded view (leetspeak, spaced letters); a folded match that overlaps a plain one is not repeated.
    func matches(
        of index: Int, in text: NormalizedText, matcher: Matcher, _ body: (Range<Int>) -> Void
    ) throws(HoldReason) {
        try matches(
            of: index, in: text, folded: ObfuscationFolding.fold(text.subject).map(scanned), matcher: matcher, body)
    }

    /// The folded view with its words found, as the plain text's were.
    private func scanned(_ folded: ObfuscationFolding) -> ObfuscationFolding {
        var folded = folded
        prefilter?.scan(folded.subject.bytes, into: &folded.facts, lists: false)
        return folded
    }

    func matches(
        of index: Int, in text: NormalizedText, folded: ObfuscationFolding?, matcher: Matcher,
        _ body: (Range<Int>) -> Void
    ) throws(HoldReason) {
        let entry = entries[index]
        var plain: [Range<Int>] = []
        do {
            if entry.plan.mayMatch(text.facts) {
                try matcher.forEachMatch(of: entry.plan.regex, in: text.subject) { match in
                    if !match.range.isEmpty {
                        plain.append(match.range)
                        body(match.range)
                    }
                    return true
                }
            }
            guard let folded, entry.plan.mayMatch(folded.facts) else { return }
            try matcher.forEachMatch(of: entry.plan.regex, in: folded.subject) { match in
                let range = folded.normalizedRange(ofBytes: match.range)
                if !range.isEmpty, !plain.contains(where: { $0.overlaps(range) }) { body(range) }
                return true
            }
        } catch {
            throw HoldReason(lane: "crisis", rule: entry.id, message: error.description)
        }
    }

    func cueMatches(in text: NormalizedText, matcher: Matcher) throws(HoldReason) -> [(cue: Int, bytes: Range<Int>)] {
        var found: [(Int, Range<Int>)] = []
        for (index, cue) in cues.enumerated() where cue.plan.mayMatch(text.facts) {
            do {
                let before = found.count
                try matcher.forEachMatch(of: cue.plan.regex, in: text.subject) { match in
                    if !match.range.isEmpty { found.append((index, match.range)) }
                    return true
                }
                if found.count > before {
                    for pattern in cue.unless where try matcher.firstMatch(of: pattern, in: text.subject) != nil {
                        found.removeSubrange(before...)
                        break
                    }
                }
            } catch {
                throw HoldReason(lane: "crisis", rule: cue.id, message: error.description)
            }
        }
        return found
    }

    /// The most tries for a later match of a rule whose match a cue lowered.
    static let laterMatchTries = 8

    /// A match of rule `index` that starts inside a lowered match and runs past it, at the rule's own level: the
    /// rule matches leftmost, so a match a cue lowers ("tried to eat it obviously 😂 … I've fainted") can hold the
    /// words of a later one no cue reaches ("I've fainted twice this week from not eating"). Each try starts a word
    /// later; nil when none stands.
    private func laterMatch(
        of index: Int, after lowered: Range<Int>, cues cueMatches: [(cue: Int, bytes: Range<Int>)],
        in text: NormalizedText, matcher: Matcher
    ) throws(HoldReason) -> CrisisMatch? {
        let entry = entries[index]
        let bytes = text.subject.bytes
        var start = lowered.lowerBound
        for _ in 0..<CrisisFlagger.laterMatchTries {
            // The start of the next word.
            while start < lowered.upperBound, CrisisFlagger.isWordByte(bytes[start]) { start += 1 }
            while start < lowered.upperBound, !CrisisFlagger.isWordByte(bytes[start]) { start += 1 }
            guard start < lowered.upperBound else { return nil }
            let next: Range<Int>
            do {
                guard let found = try matcher.firstMatch(of: entry.plan.regex, in: text.subject, from: start),
                    !found.range.isEmpty
                else { return nil }
                next = found.range
            } catch {
                throw HoldReason(lane: "crisis", rule: entry.id, message: error.description)
            }
            guard next.upperBound > lowered.upperBound else {
                start = next.lowerBound
                continue
            }
            let match = crisisMatch(entry, bytes: next, cues: cueMatches, in: text)
            if match.level == entry.details.level { return match }
            start = next.lowerBound
        }
        return nil
    }

    /// A byte of a word, as `wordsBetween` reads words.
    static func isWordByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
            || byte == UInt8(ascii: "'")
    }

    func crisisMatch(
        _ entry: Entry, bytes: Range<Int>, cues cueMatches: [(cue: Int, bytes: Range<Int>)], in text: NormalizedText
    ) -> CrisisMatch {
        var kinds: [ContextKind] = []
        var ruleIDs: [String] = []
        for (cueIndex, cueBytes) in cueMatches {
            let cue = cues[cueIndex]
            if CrisisFlagger.applies(cue.details, cue: cueBytes, to: bytes, in: text.subject) {
                if !kinds.contains(cue.details.kind) { kinds.append(cue.details.kind) }
                if !ruleIDs.contains(cue.id) { ruleIDs.append(cue.id) }
            }
        }
        var level = entry.details.level
        if kinds.contains(.idiom) {
            level = .none
        } else if !kinds.isEmpty {
            // Lowered to concern, never raised: a signal (level none) stays none under a cue.
            level = min(level, .concern)
        }
        let range = text.originalRange(ofBytes: bytes)
        return CrisisMatch(
            rule: entry.id, category: entry.details.category, ruleLevel: entry.details.level, level: level,
            context: kinds, contextRules: ruleIDs, start: range.lowerBound, end: range.upperBound)
    }

    /// A cue applies when it overlaps the match, or sits within its word window in the same clause. A cue lying
    /// wholly inside the crisis words ("won't" in "won't be around much longer") is part of them, not context,
    /// unless it counts inside (`ContextDetails.countsInside`: an idiom, which may be written as the whole everyday
    /// phrase).
    static func applies(_ cue: ContextDetails, cue cueBytes: Range<Int>, to match: Range<Int>, in subject: Subject)
        -> Bool
    {
        if cueBytes.overlaps(match) {
            return cue.countsInside
                || !(match.contains(cueBytes.lowerBound) && cueBytes.upperBound <= match.upperBound)
        }
        if cueBytes.upperBound <= match.lowerBound {
            return cue.before > 0 && wordsBetween(cueBytes.upperBound, match.lowerBound, in: subject, limit: cue.before)
        }
        return cue.after > 0 && wordsBetween(match.upperBound, cueBytes.lowerBound, in: subject, limit: cue.after)
    }

    /// True when the gap holds at most `limit` words and no clause boundary (. ! ? ; line break, "but").
    static func wordsBetween(_ start: Int, _ end: Int, in subject: Subject, limit: Int) -> Bool {
        var words = 0
        var inWord = false
        var wordStart = start
        let bytes = subject.bytes
        var index = start
        while index < end {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: ";"), UInt8(ascii: "\n"):
                return false
            default:
                break
            }
            let isWordByte = CrisisFlagger.isWordByte(byte)
            if isWordByte && !inWord {
                inWord = true
                wordStart = index
            } else if !isWordByte && inWord {
                inWord = false
                words += 1
                if index - wordStart == 3, subject.text(wordStart..<index).lowercased() == "but" { return false }
            }
            index += 1
        }
        if inWord {
            words += 1
            if end - wordStart == 3, subject.text(wordStart..<end).lowercased() == "but" { return false }
        }
        return words <= limit
    }
}

/// What an `unless` pattern compiles from, every option included: the cues that write the same one share its regex.
/// Hashed and compared by the bytes of its text: String's own hashing normalizes first, which over the long
/// expanded risk lists was a visible part of start-up.
private struct UnlessSource: Hashable {
    let texts: [String]
    let isPattern: Bool
    let caseless: Bool
    let unicodeClasses: Bool

    init(_ matcher: RuleMatcher) {
        switch matcher.source {
        case .pattern(let pattern): (texts, isPattern) = ([pattern], true)
        case .phrases(let phrases): (texts, isPattern) = (phrases, false)
        }
        (caseless, unicodeClasses) = (matcher.caseless, matcher.unicodeClasses)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(isPattern)
        hasher.combine(caseless)
        hasher.combine(unicodeClasses)
        for var text in texts {
            text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
            hasher.combine(0xFF as UInt8)
        }
    }

    static func == (lhs: UnlessSource, rhs: UnlessSource) -> Bool {
        lhs.isPattern == rhs.isPattern && lhs.caseless == rhs.caseless && lhs.unicodeClasses == rhs.unicodeClasses
            && lhs.texts.count == rhs.texts.count
            && zip(lhs.texts, rhs.texts).allSatisfy { $0.utf8.elementsEqual($1.utf8) }
    }
}
