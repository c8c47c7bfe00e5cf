import Foundation
import PCRE2
import PorchRules

/// Identifying details intake already knows about the submitter, scrubbed wherever they appear.
public struct KnownIdentifiers: Sendable, Hashable {
    public var names: [String]
    public var addresses: [String]

    public init(names: [String] = [], addresses: [String] = []) {
        self.names = names
        self.addresses = addresses
    }

    public var isEmpty: Bool { names.isEmpty && addresses.isEmpty }
}

/// A PII finding before placeholders are assigned: input scalar range plus what found it.
struct Finding: Sendable {
    let rule: String
    let type: String
    let placeholder: String
    var range: Range<Int>
    /// Identifies the value for numbering: the same value gets the same placeholder number.
    let valueKey: String
    /// Where the value lies in the normalized text, to find it again elsewhere in the post.
    var normalizedBytes: Range<Int>? = nil
    /// Which finding names a span that several found exactly: a rule of the shape or a list alone (0) before a
    /// rule that needed a cue word or guessed from the lists a word is not in (1), and all before the floor's
    /// "any other number" (2).
    var rank: Int = 0
}

/// The PII lane: finds identifying details with the PII rules and replaces them with numbered placeholders.
public struct Scrubber: Sendable {
    /// One PII rule, ready to run. A class: the scrubber reads it once per rule per post, and copying a
    /// struct of this many references cost more than some of the rules.
    final class Entry: Sendable {
        let id: String
        let details: PIIDetails
        let plan: RulePlan
        let group: Int?
        let inList: [ListCheck]
        let notInList: [(group: Int, words: WordSet)]
        let exceptionKeys: Set<String>
        /// The cue words looked for in a window of words around each match (nil: none, or a window in characters).
        let contextCues: ContextCues?

        init(
            id: String, details: PIIDetails, plan: RulePlan, group: Int?, inList: [ListCheck],
            notInList: [(group: Int, words: WordSet)], exceptionKeys: Set<String>
        ) {
            self.contextCues = details.contextWords.map { ContextCues(details.context, window: $0) }
            self.id = id
            self.details = details
            self.plan = plan
            self.group = group
            self.inList = inList
            self.notInList = notInList
            self.exceptionKeys = exceptionKeys
        }

        /// The same rule with its plan bound to the screener's prefilter.
        func bound(to prefilter: Prefilter) -> Entry {
            Entry(
                id: id, details: details, plan: prefilter.bound(plan), group: group, inList: inList,
                notInList: notInList, exceptionKeys: exceptionKeys)
        }
    }

    /// One `in_list` check: the group's text, lower-cased, must be in `words`. For a list of single words the group
    /// must be a whole word of letters too (`wholeWord`), and, where the pattern starts the group with `\p{Lu}`, start
    /// with a capital (`capitalised`): what lets `ListWords` skip the rule on posts without such a word.
    struct ListCheck: Sendable {
        let group: Int
        let groupName: String
        let list: String
        let words: WordSet
        let wholeWord: Bool
        let capitalised: Bool

        func accepts(_ range: Range<Int>, in subject: Subject) -> Bool {
            if wholeWord {
                guard ListWords.isWholeWord(range, in: subject.bytes) else { return false }
                if capitalised, subject.bytes[range.lowerBound].isASCIILowercase { return false }
            }
            return words.containsIgnoringAccents(subject.text(range).lowercased())
        }

        /// True when every `(?<group>` in `pattern` opens with `\p{Lu}` (inside any named groups opened with it), so
        /// its text starts with a capital letter (`\p{Lu}` ignores caseless matching in PCRE2).
        static func startsWithCapital(group: String, in pattern: String) -> Bool {
            let opener = "(?<\(group)>"
            var rest = pattern[...]
            var found = false
            while let range = rest.range(of: opener) {
                found = true
                var after = rest[range.upperBound...]
                // Named groups opened at the same place: `(?<name>(?<word>\p{Lu}…`.
                while after.hasPrefix("(?<"), let close = after.firstIndex(of: ">"),
                    after[after.index(after.startIndex, offsetBy: 3)..<close].allSatisfy({ $0.isLetter || $0.isNumber })
                {
                    after = after[after.index(after: close)...]
                }
                guard after.hasPrefix("\\p{Lu}") else { return false }
                rest = rest[range.upperBound...]
            }
            return found
        }
    }

    var entries: [Entry]
    var allow: [(id: String, plan: RulePlan)]
    /// The words next to a found name that join it (`NameRuns`); nil when the rules have no `name-run-stop` list.
    let nameRuns: NameRuns?
    /// The author's names and addresses as a compiled pattern, per author.
    let knownPatterns: KnownPatterns
    /// The places the group is about (`keep_places` in porch.toml), as value keys: a finding of one of them on its
    /// own stays in the post ("Galway" in a Galway group), whatever rule took it.
    private(set) var keptPlaces: Set<String> = []

    /// Keeps these places (names as the group writes them) wherever a rule finds one on its own: a place rule, or a
    /// name or organisation rule that took the place for a name ("moved to Galway"). A longer finding that holds
    /// one ("the Galway Clinic") is still scrubbed.
    public mutating func keep(places: [String]) {
        keptPlaces = Set(places.map(Scrubber.valueKey).filter { !$0.isEmpty })
    }

    public init(rules: RuleSet) throws(RuleLoadError) {
        try self.init(rules: rules, plans: .none)
    }

    init(rules: RuleSet, plans: RulePlans) throws(RuleLoadError) {
        var entries: [Entry] = []
        var allow: [(String, RulePlan)] = []
        var problems: [RuleDiagnostic] = []
        for rule in rules.rules {
            do {
                switch rule.kind {
                case .pii(let details):
                    var plan = try plans.plan(for: rule)
                    let names = plan.regex.groupNames
                    let inList = details.inList.sorted { $0.key < $1.key }.compactMap { group, list -> ListCheck? in
                        guard let number = names[group] else { return nil }
                        let words = rules.lists[list] ?? []
                        return ListCheck(
                            group: number, groupName: group, list: list, words: words,
                            wholeWord: rules.singleWordLists.contains(list),
                            capitalised: ListCheck.startsWithCapital(group: group, in: plan.pattern))
                    }
                    let notInList = details.notInList.compactMap { group, list -> (Int, WordSet)? in
                        guard let number = names[group] else { return nil }
                        return (number, rules.lists[list] ?? [])
                    }
                    if plans.analysed { plan.gate(on: inList, notInList: details.notInList) }
                    entries.append(
                        Entry(
                            id: rule.id, details: details, plan: plan, group: details.group.flatMap { names[$0] },
                            inList: inList, notInList: notInList,
                            exceptionKeys: Set(details.exceptions.map(Scrubber.valueKey))))
                case .allow:
                    allow.append((rule.id, try plans.plan(for: rule)))
                default:
                    continue
                }
            } catch {
                problems.append(RuleDiagnostic(compileError: error, rule: rule))
            }
        }
        if !problems.isEmpty { throw RuleLoadError(problems) }
        self.entries = entries
        self.allow = allow
        nameRuns = NameRuns(lists: rules.lists)
        knownPatterns = KnownPatterns(
            commonWords: rules.lists["common-words"] ?? [], notNames: rules.lists["not-names"] ?? [],
            nameWords: [rules.lists["given-names"] ?? [], rules.lists["surnames"] ?? []])
    }

    /// Binds every rule's plan to the screener's prefilter.
    mutating func bind(_ prefilter: Prefilter) {
        entries = entries.map { $0.bound(to: prefilter) }
        for position in allow.indices { allow[position].plan = prefilter.bound(allow[position].plan) }
    }

    /// Every rule's plan, for building the prefilter.
    var plans: [RulePlan] { entries.map(\.plan) + allow.map(\.plan) }

    /// Scrubs one post. A rule that hits a match limit holds the post: nothing unscrubbed comes out.
    public func scrub(_ text: NormalizedText, known: KnownIdentifiers = .init(), matcher: Matcher) -> ScrubResult {
        scrub([text], known: [known], matcher: matcher)[0]
    }

    /// Scrubs many posts, in order; `known` (when given) has one entry per post. The same results as one post at a
    /// time, faster: each rule runs over the whole batch before the next, so its compiled code stays in the cache.
    public func scrub(_ texts: [NormalizedText], known: [KnownIdentifiers]? = nil, matcher: Matcher) -> [ScrubResult] {
        var findings = [[Finding]](repeating: [], count: texts.count)
        var holds = texts.map(\.hold)
        eachRuleOverBatch(rules: entries.count, texts: texts, holds: &holds) { index, text, post throws(HoldReason) in
            try self.findings(of: index, in: text, matcher: matcher, into: &findings[post])
        }
        var results: [ScrubResult] = []
        results.reserveCapacity(texts.count)
        for post in texts.indices {
            do throws(HoldReason) {
                if let hold = holds[post] { throw hold }
                results.append(
                    try finish(findings[post], in: texts[post], known: known?[post] ?? .init(), matcher: matcher))
            } catch {
                results.append(ScrubResult(text: nil, redactions: [], hold: error))
            }
        }
        return results
    }

    /// What follows the rules: the member's known identifiers, repeats of found values, allow rules, placeholders.
    private func finish(
        _ ruleFindings: [Finding], in text: NormalizedText, known: KnownIdentifiers, matcher: Matcher
    ) throws(HoldReason) -> ScrubResult {
        var findings = ruleFindings
        if !keptPlaces.isEmpty {
            // A kept place a rule took for a name or an organisation is still the place.
            findings.removeAll { keptPlaces.contains($0.valueKey) }
        }
        if !known.isEmpty { try knownFindings(known, in: text, matcher: matcher, into: &findings) }
        // Allow rules only matter where something was found. They go first: a helpline number found inside
        // a longer number must not hide that longer number's other occurrences from the search below, and
        // then be allowed away itself.
        let allowed = findings.isEmpty ? [] : try allowedRanges(in: text, matcher: matcher)
        let allowedIndex = RangeIndex(allowed)
        func isAllowed(_ finding: Finding) -> Bool { allowedIndex.anyContains(finding.range) }
        findings.removeAll(where: isAllowed)
        findings += Scrubber.repeatedOccurrences(of: findings, in: text).filter { !isAllowed($0) }
        findings += Scrubber.repeatedInOriginal(of: findings, in: text.original).filter { !isAllowed($0) }
        if let nameRuns { findings = nameRuns.widen(findings, in: text.original, allowed: allowedIndex) }
        return Scrubber.apply(
            findings.map { Scrubber.wholeNumber($0, in: text, allowed: allowedIndex) }, to: text.original)
    }

    /// Types whose values are numbers that `wholeNumber` completes.
    static let numberTypes: Set<String> = ["PHONE", "SSN", "CREDIT_CARD", "NATIONAL_ID", "MEDICAL_RECORD_NUMBER"]

    /// A found number with the digits glued to it by up to three spaces, dots, dashes or slashes: to a reader
    /// the run is one number, and once the found part is a placeholder the rest of the run would read as a
    /// number of its own ("2737251234 5800273826": the phone rule takes the first ten digits, and no rule takes
    /// a twenty-digit run). The value (and its placeholder number) stays the one found. The run stops before a
    /// helpline or anything else an allow rule keeps.
    static func wholeNumber(_ finding: Finding, in text: NormalizedText, allowed: RangeIndex) -> Finding {
        guard numberTypes.contains(finding.type), let found = finding.normalizedBytes, !found.isEmpty else {
            return finding
        }
        let bytes = text.subject.bytes
        func isDigit(_ index: Int) -> Bool { bytes[index] &- UInt8(ascii: "0") < 10 }
        func isJoiner(_ index: Int) -> Bool {
            let byte = bytes[index]
            return byte == 0x20 || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/")
        }
        func isKept(_ candidate: Range<Int>) -> Bool {
            allowed.anyOverlaps(text.originalRange(ofBytes: candidate))
        }
        var end = found.upperBound
        while isDigit(end - 1) {
            var next = end
            while next < bytes.count, next - end < 3, isJoiner(next) { next += 1 }
            guard next < bytes.count, isDigit(next) else { break }
            while next < bytes.count, isDigit(next) { next += 1 }
            guard !isKept(end..<next) else { break }
            end = next
        }
        var start = found.lowerBound
        while isDigit(start) {
            var previous = start
            while previous > 0, start - previous < 3, isJoiner(previous - 1) { previous -= 1 }
            guard previous > 0, isDigit(previous - 1) else { break }
            while previous > 0, isDigit(previous - 1) { previous -= 1 }
            guard !isKept(previous..<start) else { break }
            start = previous
        }
        guard start..<end != found else { return finding }
        var whole = finding
        whole.range = text.originalRange(ofBytes: start..<end)
        return whole
    }

    /// The same search in the text as written, for the occurrences normalizing hides: a found number that a digit
    /// word runs into ("five 3116 1232 3 1" becomes one longer run of digits) or that a symbol follows. Words here
    /// are letters and digits only. Overlaps with other findings are merged when the placeholders go in.
    static func repeatedInOriginal(of findings: [Finding], in original: String) -> [Finding] {
        guard !findings.isEmpty else { return [] }
        let scalars = Array(original.unicodeScalars)
        let covered = Set(findings.map(\.range))
        var found: [Finding] = []
        var searched = Set<ArraySlice<Unicode.Scalar>>()
        func isWord(_ scalar: Unicode.Scalar) -> Bool {
            scalar.properties.isAlphabetic || scalar.properties.numericType != nil
        }
        let values = findings.filter { $0.range.count >= 4 && $0.range.upperBound <= scalars.count }.map {
            scalars[$0.range]
        }
        let index = OccurrenceIndex(of: values, in: scalars, isWord: isWord)
        for finding in findings where finding.range.count >= 4 && finding.range.upperBound <= scalars.count {
            let value = scalars[finding.range]
            guard searched.insert(value).inserted else { continue }
            let hits = index.occurrences(of: value, accept: { !covered.contains($0) })
            for hit in hits {
                var repeated = finding
                repeated.range = hit
                repeated.normalizedBytes = nil
                found.append(repeated)
            }
        }
        return found
    }

    /// A value found once is identifying everywhere in the post: "my husband Daniel … Daniel said" must lose both.
    /// Every other whole-word occurrence of a found value (four bytes or more, compared exactly: "Will" found as a
    /// name does not make every "will" one) becomes a finding of the same rule, with the same placeholder number.
    static func repeatedOccurrences(of findings: [Finding], in text: NormalizedText) -> [Finding] {
        let bytes = text.subject.bytes
        guard !findings.isEmpty else { return [] }
        func lower(_ byte: UInt8) -> UInt8 { byte >= 65 && byte <= 90 ? byte + 32 : byte }
        func isWordByte(_ byte: UInt8) -> Bool {
            byte >= 0x80 || (byte >= 0x30 && byte <= 0x39) || (lower(byte) >= 0x61 && lower(byte) <= 0x7A)
        }
        // Which bytes a finding covers, so a hit's overlap is checked in its own length, not against every finding.
        var covered = [Bool](repeating: false, count: bytes.count)
        for range in findings.compactMap(\.normalizedBytes) {
            for byte in range.clamped(to: 0..<bytes.count) { covered[byte] = true }
        }
        var found: [Finding] = []
        var searched = Set<ArraySlice<UInt8>>()
        let values = findings.compactMap { $0.normalizedBytes.flatMap { $0.count >= 4 ? bytes[$0] : nil } }
        let index = OccurrenceIndex(of: values, in: bytes, isWord: isWordByte)
        for finding in findings {
            guard let range = finding.normalizedBytes, range.count >= 4 else { continue }
            let value = bytes[range]
            guard searched.insert(value).inserted else { continue }
            let hits = index.occurrences(of: value) { hit in
                guard !covered[hit].contains(true) else { return false }
                for byte in hit { covered[byte] = true }
                return true
            }
            for hit in hits {
                found.append(
                    Finding(
                        rule: finding.rule, type: finding.type, placeholder: finding.placeholder,
                        range: text.originalRange(ofBytes: hit), valueKey: finding.valueKey, normalizedBytes: hit))
            }
        }
        return found
    }

    /// Where `value` occurs in `elements`, left to right and without overlaps: each occurrence that stands as a
    /// whole word where the value starts or ends with a word character (`isWord`), and that `accept` takes.
    static func wholeWordOccurrences<Element: Equatable>(
        of value: ArraySlice<Element>, in elements: [Element], isWord: (Element) -> Bool,
        accept: (Range<Int>) -> Bool
    ) -> [Range<Int>] {
        guard let first = value.first, let last = value.last else { return [] }
        var hits: [Range<Int>] = []
        var start = 0
        while start + value.count <= elements.count {
            guard let hit = elements[start...].firstIndex(of: first) else { break }
            let end = hit + value.count
            start = hit + 1
            guard end <= elements.count, elements[hit..<end].elementsEqual(value),
                hit == 0 || !isWord(elements[hit - 1]) || !isWord(first),
                end == elements.count || !isWord(elements[end]) || !isWord(last),
                accept(hit..<end)
            else { continue }
            hits.append(hit..<end)
            start = end
        }
        return hits
    }

    /// The findings of one rule (the rule check runs each rule's examples through this).
    func findings(
        of index: Int, in text: NormalizedText, matcher: Matcher, into findings: inout [Finding]
    ) throws(HoldReason) {
        let entry = entries[index]
        guard entry.plan.mayMatch(text.facts) else { return }
        try self.findings(of: entry, in: text, matcher: matcher, into: &findings)
    }

    /// The ids of the PII rules that find something in `text` although its listed words rule them out
    /// (`RulePlan.listsMayMatch`):
    /// always empty, unless Porch has a bug (see `Screener.prefilterMisses`).
    func listGateMisses(in text: NormalizedText, matcher: Matcher) -> [String] {
        entries.compactMap { entry in
            guard !entry.plan.listsMayMatch(text.facts) else { return nil }
            var found: [Finding] = []
            try? findings(of: entry, in: text, matcher: matcher, into: &found)
            return found.isEmpty ? nil : entry.id
        }
    }

    /// The findings of one rule, prefilters aside.
    private func findings(
        of entry: Entry, in text: NormalizedText, matcher: Matcher, into findings: inout [Finding]
    ) throws(HoldReason) {
        let subject = text.subject
        // The closure keeps to the subject: capturing the whole text would copy it for every rule on every post.
        var found: [(bytes: Range<Int>, key: String)] = []
        do {
            try matcher.forEachMatch(of: entry.plan.regex, in: subject) { match in
                guard let bytes = entry.group.map({ match.range($0) }) ?? match.range, !bytes.isEmpty else {
                    return true
                }
                for check in entry.inList {
                    guard let range = match.range(check.group), check.accepts(range, in: subject) else { return true }
                }
                for (group, words) in entry.notInList {
                    if let range = match.range(group), words.containsIgnoringAccents(subject.text(range).lowercased()) {
                        return true
                    }
                }
                let value = subject.bytes[bytes]
                let valueText = String(decoding: value, as: UTF8.self)
                if let validator = entry.details.validator, !validator.accepts(valueText[...]) { return true }
                let key = Scrubber.valueKey(valueText)
                if entry.exceptionKeys.contains(key) { return true }
                if let cues = entry.contextCues {
                    guard cues.found(around: bytes, in: subject) else { return true }
                } else if !entry.details.context.isEmpty,
                    !Scrubber.hasContext(
                        entry.details.context, before: bytes.lowerBound, window: entry.details.contextWindow,
                        in: subject)
                {
                    return true
                }
                found.append((bytes, key))
                return true
            }
        } catch {
            throw HoldReason(lane: "pii", rule: entry.id, message: error.description)
        }
        // A rule that knows its value (a shape, a list it is in) names a span before one that guesses it from the
        // lists it is not in (`pii.name.unlisted`): a town in the gazetteer reads [town 1], not [name 1].
        let guessed = entry.inList.isEmpty && !entry.notInList.isEmpty
        let rank = entry.details.type == "ID_NUMBER" ? 2 : entry.contextCues != nil || guessed ? 1 : 0
        for (bytes, key) in found {
            findings.append(
                Finding(
                    rule: entry.id, type: entry.details.type, placeholder: entry.details.placeholder,
                    range: text.originalRange(ofBytes: bytes), valueKey: key, normalizedBytes: bytes, rank: rank))
        }
    }

    func knownFindings(
        _ known: KnownIdentifiers, in text: NormalizedText, matcher: Matcher, into findings: inout [Finding]
    ) throws(HoldReason) {
        do {
            guard let compiled = try knownPatterns.compiled(for: known) else { return }
            try matcher.forEachMatch(of: compiled.regex, in: text.subject) { match in
                let type =
                    compiled.types.indices.first { match.range($0 + 1) != nil }.map { compiled.types[$0] } ?? "PERSON"
                let value = text.subject.text(match.range)
                findings.append(
                    Finding(
                        rule: "pii.known.author", type: type, placeholder: type == "EMAIL" ? "email" : "name",
                        range: text.originalRange(ofBytes: match.range), valueKey: Scrubber.valueKey(value),
                        normalizedBytes: match.range))
                return true
            }
        } catch {
            throw HoldReason(lane: "pii", rule: "pii.known.author", message: error.description)
        }
    }

    func allowedRanges(in text: NormalizedText, matcher: Matcher) throws(HoldReason) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        for (id, plan) in allow where plan.mayMatch(text.facts) {
            do {
                try matcher.forEachMatch(of: plan.regex, in: text.subject) { match in
                    ranges.append(text.originalRange(ofBytes: match.range))
                    return true
                }
            } catch {
                throw HoldReason(lane: "pii", rule: id, message: error.description)
            }
        }
        return ranges
    }

    static func hasContext(_ words: [String], before byte: Int, window: Int, in subject: Subject) -> Bool {
        let start = max(0, byte - window * 2)
        let preceding = subject.text(start..<byte).lowercased()
        return words.contains { preceding.contains($0) }
    }

    /// The word with its first letter in capitals and the rest in lower case: "will" and "WILL" give "Will".
    static func capitalised(_ word: String) -> String {
        guard let first = word.first else { return word }
        return first.uppercased() + word.dropFirst().lowercased()
    }

    /// Lower-cased letters and digits only: "555-0123" and "555 0123" are the same value.
    static func valueKey(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.lowercased().unicodeScalars.filter {
                    $0.properties.isAlphabetic || $0.properties.numericType != nil
                }))
    }

    /// Merges overlapping findings, numbers placeholders per post and writes the scrubbed text.
    static func apply(_ findings: [Finding], to original: String) -> ScrubResult {
        guard !findings.isEmpty else { return ScrubResult(text: original, redactions: [], hold: nil) }
        let ordered = findings.sorted {
            if $0.range.lowerBound != $1.range.lowerBound { return $0.range.lowerBound < $1.range.lowerBound }
            if $0.range.upperBound != $1.range.upperBound { return $0.range.upperBound > $1.range.upperBound }
            return $0.rank < $1.rank
        }
        var merged: [Finding] = []
        for finding in ordered {
            if let last = merged.last, finding.range.lowerBound < last.range.upperBound {
                merged[merged.count - 1].range =
                    last.range.lowerBound..<max(last.range.upperBound, finding.range.upperBound)
            } else {
                merged.append(finding)
            }
        }

        var numbers: [String: [String: Int]] = [:]
        // Walk the input once by scalar offsets, copying the text between redactions whole.
        let scalars = original.unicodeScalars
        var cursorIndex = scalars.startIndex
        var output = ""
        var outputCount = 0
        var cursor = 0
        var redactions: [Redaction] = []
        for finding in merged {
            let start = scalars.index(cursorIndex, offsetBy: finding.range.lowerBound - cursor)
            output += original[cursorIndex..<start]
            outputCount += finding.range.lowerBound - cursor
            // Changed in place: a copy of the label's numbers per finding made posts dense with values quadratic.
            let number =
                numbers[finding.placeholder]?[finding.valueKey] ?? ((numbers[finding.placeholder]?.count ?? 0) + 1)
            numbers[finding.placeholder, default: [:]][finding.valueKey] = number
            let placeholder = "[\(finding.placeholder) \(number)]"
            let placeholderCount = placeholder.unicodeScalars.count
            output += placeholder
            redactions.append(
                Redaction(
                    rule: finding.rule, type: finding.type, placeholder: placeholder, start: finding.range.lowerBound,
                    end: finding.range.upperBound, outputStart: outputCount, outputEnd: outputCount + placeholderCount))
            outputCount += placeholderCount
            cursorIndex = scalars.index(start, offsetBy: finding.range.count)
            cursor = finding.range.upperBound
        }
        output += original[cursorIndex...]
        return ScrubResult(text: output, redactions: redactions, hold: nil)
    }
}

extension HoldReason: Error {}
