import PorchScreening

/// The text `porch rules test` prints: tables of rates, then the differences between two rules folders.
/// Identifying text appears only when `show` is set.
struct CorpusReport {
    let show: Bool
    private(set) var text = ""

    init(show: Bool) {
        self.show = show
    }

    mutating func line(_ string: String = "") { text += string + "\n" }

    static func percent(_ rate: Double?) -> String {
        guard let rate else { return "-" }
        return String(format: "%.1f%%", rate * 100)
    }

    static func pad(_ string: String, _ width: Int, left: Bool = true) -> String {
        let padding = String(repeating: " ", count: max(0, width - string.count))
        return left ? string + padding : padding + string
    }

    mutating func pii(_ score: PIICorpusScore, title: String) {
        line("== \(title)")
        line(
            Self.pad("PII type", 26) + Self.pad("n", 6, left: false) + Self.pad("leak", 9, left: false)
                + Self.pad("untouched", 11, left: false))
        for (type, tally) in score.perType + [("ALL", score.overall)] {
            line(
                Self.pad(type, 26) + Self.pad("\(tally.total)", 6, left: false)
                    + Self.pad(Self.percent(tally.rate), 9, left: false)
                    + Self.pad(
                        Self.percent(tally.total == 0 ? nil : Double(tally.untouched) / Double(tally.total)), 11,
                        left: false))
        }
        line(Self.pad("hard negative", 26) + Self.pad("n", 6, left: false) + Self.pad("destroyed", 11, left: false))
        for (type, tally) in score.perNegativeType + [("ALL", score.negativesOverall)] {
            line(
                Self.pad(type, 26) + Self.pad("\(tally.total)", 6, left: false)
                    + Self.pad(Self.percent(tally.rate), 11, left: false))
        }
        let spurious = score.posts == 0 ? 0 : 100 * Double(score.spuriousEdits) / Double(score.posts)
        line(
            "ordinary characters removed: \(score.ordinaryRemoved)/\(score.ordinaryCharacters) (\(Self.percent(score.ordinaryRemovedRate))); "
                + "spurious edits per 100 posts: \(String(format: "%.1f", spurious)); posts held: \(score.held)")
        line()
    }

    mutating func piiDifferences(
        _ score: PIICorpusScore, _ baseline: PIICorpusScore, posts: [PIICorpusPost], against: String
    ) {
        let texts = Dictionary(posts.map { ($0.id, $0.text) }, uniquingKeysWith: { first, _ in first })
        var differences = 0
        line("== differences from \(against)")
        for (now, before) in zip(score.spans, baseline.spans) where now.failed != before.failed {
            differences += 1
            let what = now.failed ? "newly leaked " : "newly caught "
            let rules = now.failed ? "was caught by \(Self.rules(before.rules))" : "by \(Self.rules(now.rules))"
            line("\(what) \(now.post) \(now.type) \(rules)" + context(texts[now.post], now))
        }
        for (now, before) in zip(score.negatives, baseline.negatives) where now.failed != before.failed {
            differences += 1
            let what = now.failed ? "negative newly destroyed" : "negative newly kept"
            let rules = now.failed ? "by \(Self.rules(now.rules))" : "was destroyed by \(Self.rules(before.rules))"
            line("\(what) \(now.post) \(now.type) \(rules)" + context(texts[now.post], now))
        }
        line("differences: \(differences)")
    }

    mutating func labelled(_ score: LabelCorpusScore, title: String) {
        line("== \(title)")
        let caught = score.lane == .crisis ? "flagged crisis or concern" : "flagged spam"
        line(Self.pad("recall (\(caught))", 44) + Self.pad("n", 6, left: false) + Self.pad("caught", 9, left: false))
        for (group, tally) in score.recall() {
            line(
                Self.pad(group, 44) + Self.pad("\(tally.total)", 6, left: false)
                    + Self.pad(Self.percent(tally.rate), 9, left: false))
        }
        let negative = score.lane == .crisis ? "labelled none" : "labelled ham"
        let crisisColumn = score.lane == .crisis ? Self.pad("crisis", 9, left: false) : ""
        line(
            Self.pad("false positives (\(negative))", 44) + Self.pad("n", 6, left: false)
                + Self.pad("flagged", 9, left: false) + crisisColumn)
        for (group, flagged, crisis) in score.falsePositives() {
            line(
                Self.pad(group, 44) + Self.pad("\(flagged.total)", 6, left: false)
                    + Self.pad(Self.percent(flagged.rate), 9, left: false)
                    + (score.lane == .crisis ? Self.pad(Self.percent(crisis.rate), 9, left: false) : ""))
        }
        line()
    }

    mutating func labelledDifferences(
        _ score: LabelCorpusScore, _ baseline: LabelCorpusScore, posts: [LabelledPost], against: String
    ) {
        let texts = Dictionary(posts.map { ($0.id, $0.text) }, uniquingKeysWith: { first, _ in first })
        var differences = 0
        line("== differences from \(against)")
        for (now, before) in zip(score.outcomes, baseline.outcomes) where now.decided != before.decided {
            differences += 1
            let what =
                now.flagged && !before.flagged
                ? "newly flagged" : !now.flagged && before.flagged ? "newly missed" : "now \(now.decided)"
            let rules = now.flagged ? "by \(Self.rules(now.rules))" : "was flagged by \(Self.rules(before.rules))"
            let label = [now.label, now.category, now.tag].compactMap { $0 }.joined(separator: "/")
            let words = show ? ": " + Self.safe(texts[now.post] ?? "") : ""
            line("\(what) \(now.post) \(label) (\(before.decided) -> \(now.decided)) \(rules)\(words)")
        }
        line("differences: \(differences)")
    }

    static func rules(_ rules: [String]) -> String { rules.isEmpty ? "no rule" : rules.joined(separator: ", ") }

    /// With `show`, the words around a span with the span marked: `: … words [[span]] words …`.
    func context(_ text: String?, _ outcome: PIICorpusScore.Outcome) -> String {
        guard show, let text else { return "" }
        let scalars = Array(text.unicodeScalars)
        let start = min(max(0, outcome.start), scalars.count)
        let end = min(max(start, outcome.end), scalars.count)
        func words(_ slice: ArraySlice<Unicode.Scalar>, last: Bool) -> String {
            let string = String(String.UnicodeScalarView(slice))
            let parts = string.split(whereSeparator: \.isWhitespace)
            return (last ? parts.suffix(6) : parts.prefix(6)).joined(separator: " ")
        }
        let before = words(scalars[..<start], last: true)
        let inside = String(String.UnicodeScalarView(scalars[start..<end]))
        let after = words(scalars[end...], last: false)
        return ": " + Self.safe("… \(before) [[\(inside)]] \(after) …")
    }

    /// Control characters written as escapes, so corpus text cannot drive the terminal.
    static func safe(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            let code = scalar.value
            if code < 0x20 || (0x7F..<0xA0).contains(code) || (0x202A...0x202E).contains(code)
                || (0x2066...0x2069).contains(code) || code == 0x2028 || code == 0x2029
            {
                result += code == 0x0A ? " " : String(format: "\\u%04x", code)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
