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
        var parser = PatternParser(Array(pattern.unicodeScalars))
        guard let node = parser.parse(), parser.isAtEnd else { return nil }
        return node.required
    }
}

/// A pattern reduced to what matters for required literals.
private indirect enum PatternNode {
    /// Plain characters that must appear in this order (lower-cased, from the prefilter alphabet).
    case literal(String)
    /// One character repeated at least once: it joins the word before it or the word after it, not both
    /// ("ab+c" requires "ab" and "bc", never "abc").
    case repeated(String)
    /// Everything in sequence.
    case sequence([PatternNode])
    /// One of the alternatives.
    case alternation([PatternNode])
    /// Consumes something (or nothing) that guarantees no word: classes, `.`, escapes, assertions.
    case opaque

    /// Words one of which every match contains, or nil.
    var required: Set<String>? {
        switch self {
        case .literal(let text), .repeated(let text):
            return text.count >= RequiredLiterals.minimumLength ? [text] : nil
        case .opaque:
            return nil
        case .alternation(let branches):
            var union = Set<String>()
            for branch in branches {
                guard let words = branch.required else { return nil }
                union.formUnion(words)
            }
            return union
        case .sequence(let parts):
            // Adjacent literals join into longer words first; then the best single requirement is kept.
            var merged: [PatternNode] = []
            for part in parts {
                switch (merged.last, part) {
                case (.literal(let previous)?, .literal(let next)):
                    merged[merged.count - 1] = .literal(previous + next)
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

    /// Prefer sets whose shortest word is long, then sets with fewer words.
    static func score(_ words: Set<String>) -> Double {
        Double(words.map(\.count).min() ?? 0) - Double(words.count) / 1_000
    }
}

/// A small recursive-descent reader of PCRE2 syntax; it gives up (nil) on anything it does not know.
private struct PatternParser {
    let scalars: [Unicode.Scalar]
    var index = 0

    init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

    var isAtEnd: Bool { index >= scalars.count }
    var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    func peek(_ offset: Int) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    mutating func parse() -> PatternNode? { parseAlternation() }

    mutating func parseAlternation() -> PatternNode? {
        var branches: [PatternNode] = []
        while true {
            guard let branch = parseSequence() else { return nil }
            branches.append(branch)
            guard current == "|" else { break }
            index += 1
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    mutating func parseSequence() -> PatternNode? {
        var parts: [PatternNode] = []
        while let scalar = current, scalar != "|", scalar != ")" {
            // A run of plain characters with no quantifier after its last one is read as one literal.
            if let run = plainRun() {
                parts.append(.literal(run))
                continue
            }
            guard var atom = parseAtom() else { return nil }
            guard let (minimum, ok) = parseQuantifier(), ok else { return nil }
            if let minimum {
                if minimum == 0 {
                    atom = .opaque
                } else if case .literal(let text) = atom {
                    atom = .repeated(text)
                }
            }
            parts.append(atom)
        }
        return .sequence(parts)
    }

    /// Two or more plain characters of the prefilter alphabet in a row, lower-cased, stopping before a character
    /// that a quantifier follows; nil (and nothing consumed) when there are fewer than two.
    mutating func plainRun() -> String? {
        var end = index
        while end < scalars.count, PatternParser.isPlain(scalars[end]) { end += 1 }
        // The last character belongs to a following quantifier, if there is one.
        if end < scalars.count, "*+?{".unicodeScalars.contains(scalars[end]) { end -= 1 }
        guard end - index >= 2 else { return nil }
        var run = String.UnicodeScalarView()
        for scalar in scalars[index..<end] {
            let byte = UInt8(scalar.value)
            run.append(Unicode.Scalar(byte >= 65 && byte <= 90 ? byte + 32 : byte))
        }
        index = end
        return String(run)
    }

    /// A character that stands for itself and belongs to the prefilter alphabet.
    static func isPlain(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII, !"\\()[]{}|.^$*+?".unicodeScalars.contains(scalar) else { return false }
        return KeywordScanner.isKeywordByte(UInt8(scalar.value))
    }

    /// A quantifier after an atom: (nil, true) for none, (minimum, true) for one, (_, false) when malformed.
    mutating func parseQuantifier() -> (Int?, Bool)? {
        guard let scalar = current else { return (nil, true) }
        var minimum: Int?
        switch scalar {
        case "*", "?":
            minimum = 0
            index += 1
        case "+":
            minimum = 1
            index += 1
        case "{":
            // {n}, {n,}, {n,m}; anything else is a literal brace in PCRE2.
            var cursor = index + 1
            var digits = ""
            while let next = cursor < scalars.count ? scalars[cursor] : nil, ("0"..."9").contains(next) {
                digits.unicodeScalars.append(next)
                cursor += 1
            }
            guard !digits.isEmpty, cursor < scalars.count else { return (nil, true) }
            if scalars[cursor] == "," {
                cursor += 1
                while cursor < scalars.count, ("0"..."9").contains(scalars[cursor]) { cursor += 1 }
            }
            guard cursor < scalars.count, scalars[cursor] == "}" else { return (nil, true) }
            minimum = Int(digits) ?? 0
            index = cursor + 1
        default:
            return (nil, true)
        }
        if current == "?" || current == "+" { index += 1 }
        return (minimum, true)
    }

    mutating func parseAtom() -> PatternNode? {
        guard let scalar = current else { return nil }
        switch scalar {
        case "(":
            return parseGroup()
        case "[":
            return skipClass() ? .opaque : nil
        case "\\":
            return parseEscape()
        case ".", "^", "$":
            index += 1
            return .opaque
        default:
            index += 1
            return PatternParser.literal(scalar)
        }
    }

    /// A character of the prefilter alphabet as a literal; any other character is opaque.
    static func literal(_ scalar: Unicode.Scalar) -> PatternNode {
        guard scalar.isASCII, KeywordScanner.isKeywordByte(UInt8(scalar.value)) else { return .opaque }
        let byte = UInt8(scalar.value)
        return .literal(String(Unicode.Scalar(byte >= 65 && byte <= 90 ? byte + 32 : byte)))
    }

    mutating func parseGroup() -> PatternNode? {
        index += 1  // (
        var lookaround = false
        if current == "*" { return nil }  // (*VERB)
        if current == "?" {
            index += 1
            guard let kind = current else { return nil }
            switch kind {
            case ":", ">", "|":
                index += 1
            case "=", "!":
                index += 1
                lookaround = true
            case "<":
                if peek(1) == "=" || peek(1) == "!" {
                    index += 2
                    lookaround = true
                } else {
                    guard skipName(until: ">") else { return nil }
                }
            case "P":
                guard peek(1) == "<" else { return nil }
                index += 1
                guard skipName(until: ">") else { return nil }
            case "'":
                guard skipName(until: "'") else { return nil }
            case "#":
                while let next = current, next != ")" { index += 1 }
                index += 1
                return .opaque
            default:
                // Inline options: (?i) (?-i) (?i:...) (?m) (?s). Extended mode changes what spaces mean.
                var flags = ""
                while let next = current, next != ")", next != ":" {
                    flags.unicodeScalars.append(next)
                    index += 1
                }
                guard let end = current, flags.allSatisfy({ "imsnU-J".contains($0) }), !flags.contains("x") else {
                    return nil
                }
                index += 1
                if end == ")" { return .opaque }
            }
        }
        guard let inner = parseAlternation(), current == ")" else { return nil }
        index += 1
        return lookaround ? .opaque : inner
    }

    /// Skips `<name>` style group names; true when well formed.
    mutating func skipName(until close: Unicode.Scalar) -> Bool {
        index += 1
        while let next = current, next != close {
            guard next.properties.isAlphabetic || ("0"..."9").contains(next) || next == "_" else { return false }
            index += 1
        }
        guard current == close else { return false }
        index += 1
        return true
    }

    mutating func skipClass() -> Bool {
        index += 1  // [
        if current == "^" { index += 1 }
        if current == "]" { index += 1 }  // a literal ] first
        while let next = current {
            if next == "\\" {
                index += 2
                continue
            }
            if next == "[", peek(1) == ":" {
                // [:alpha:]
                index += 2
                while let inner = current, inner != "]" { index += 1 }
                index += 1
                continue
            }
            index += 1
            if next == "]" { return true }
        }
        return false
    }

    mutating func parseEscape() -> PatternNode? {
        index += 1
        guard let escaped = current else { return nil }
        index += 1
        switch escaped {
        case "Q", "E", "K", "c", "o", "x", "N", "g", "k", "p", "P":
            // Quoting, \K, control and code-point escapes, back-references, properties: understood well enough
            // only to be opaque, and only in their simple forms.
            if escaped == "Q" || escaped == "K" || escaped == "c" { return nil }
            if current == "{" {
                while let next = current, next != "}" { index += 1 }
                guard current == "}" else { return nil }
                index += 1
            } else if escaped == "x" {
                while let next = current, next.properties.isASCIIHexDigit, index < scalars.count { index += 1 }
            } else if escaped == "p" || escaped == "P" {
                index += 1
            } else if escaped == "k" {
                guard let open = current, "<'{".unicodeScalars.contains(open) else { return nil }
                let close: Unicode.Scalar = open == "<" ? ">" : open == "'" ? "'" : "}"
                while let next = current, next != close { index += 1 }
                index += 1
            } else if escaped == "g" {
                while let next = current, ("0"..."9").contains(next) || next == "-" { index += 1 }
            }
            return .opaque
        default:
            if escaped.properties.isAlphabetic || ("0"..."9").contains(escaped) {
                // \b \d \w \s \1 …: classes, assertions and back-references guarantee no word.
                return .opaque
            }
            // An escaped punctuation character stands for itself.
            return PatternParser.literal(escaped)
        }
    }
}
