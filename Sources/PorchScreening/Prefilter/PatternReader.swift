/// A pattern reduced to what the screener's prefilters need: the words every match contains
/// (`RequiredLiterals`) and the characters a match can start with (`StartCharacters`).
indirect enum PatternNode {
    /// Plain characters that must appear in this order (lower-cased, from the prefilter alphabet).
    case literal(String)
    /// One character repeated at least once: it joins the word before it or the word after it, not both
    /// ("ab+c" requires "ab" and "bc", never "abc").
    case repeated(String)
    /// Everything in sequence.
    case sequence([PatternNode])
    /// One of the alternatives.
    case alternation([PatternNode])
    /// One character from a set: a class, `.`, `\d`, an ASCII character outside the prefilter alphabet.
    case character(StartCharacters)
    /// A character outside ASCII that stands for itself: to every prefilter but the word one, the characters it
    /// can match (`set`); to the word prefilter, itself as the keyword scanner folds it (`KeywordScanner.fold`).
    case foreign(StartCharacters, folded: String)
    /// `\s`, `\s+` and the like: one or more whitespace characters. The keyword scanner reads every run of
    /// whitespace (Unicode spaces included) as one space, so to the word prefilter this is a space.
    case space
    /// Matches without consuming anything: `^`, `\B`, negative lookarounds, option settings, comments.
    case assertion
    /// A positive lookahead or lookbehind: consumes nothing, but a text it matches in holds what it looks for.
    case lookaround(PatternNode)
    /// `\b`: a match can only start here between a word character and a non-word one.
    case wordBoundary
    /// What a quantifier with minimum 0 makes of its atom: it may match nothing (`?`: at most once).
    case optional(PatternNode, once: Bool)
    /// Anything, possibly nothing: back-references and other escapes the reader does not model.
    case opaque
}

/// A small recursive-descent reader of PCRE2 syntax; it gives up (nil) on anything it does not know.
struct PatternParser {
    let scalars: [Unicode.Scalar]
    var index = 0
    /// Whether letters here match in either case: the rule's option, then `(?i)` and `(?-i)` in the pattern.
    var caseless: Bool

    init(_ pattern: String, caseless: Bool = false) {
        self.scalars = Array(pattern.unicodeScalars)
        self.caseless = caseless
    }

    var isAtEnd: Bool { index >= scalars.count }
    var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    func peek(_ offset: Int) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    /// The whole pattern, or nil when any part of it is beyond the reader.
    static func read(_ pattern: String, caseless: Bool = false) -> PatternNode? {
        var parser = PatternParser(pattern, caseless: caseless)
        guard let node = parser.parseAlternation(), parser.isAtEnd else { return nil }
        return node
    }

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
            if caseless, case .character(let set) = atom { atom = .character(set.closedUnderCase) }
            if caseless, case .foreign(let set, let folded) = atom {
                atom = .foreign(set.closedUnderCase, folded: folded)
            }
            let quantifier = current
            guard let (minimum, ok) = parseQuantifier(), ok else { return nil }
            if let minimum {
                if case .space = atom {
                    // A run of whitespace is one space to the scanner, however long it is.
                    if minimum == 0 { atom = .optional(.space, once: true) }
                } else if minimum == 0 {
                    atom = .optional(atom, once: quantifier == "?")
                } else if case .literal(let text) = atom {
                    atom = .repeated(text)
                } else if case .character = atom, minimum > 1 {
                    // "[0-9]{5}" is five digits, then perhaps more: the digit-run prefilter counts them.
                    let copies = min(minimum, PatternNode.maximumCopies)
                    atom = .sequence(Array(repeating: atom, count: copies) + [.optional(atom, once: false)])
                } else {
                    // Once, then perhaps again: "w(?:ab)+c" contains "wab" but not always "wabc".
                    atom = .sequence([atom, .optional(atom, once: false)])
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
        if end < scalars.count, PatternParser.isQuantifierStart(scalars[end]) { end -= 1 }
        guard end - index >= 2 else { return nil }
        let run = scalars[index..<end].map { scalar in
            let byte = UInt8(scalar.value)
            return byte >= 65 && byte <= 90 ? byte + 32 : byte
        }
        index = end
        return String(decoding: run, as: UTF8.self)
    }

    /// A character that stands for itself and belongs to the prefilter alphabet.
    static func isPlain(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII else { return false }
        switch scalar {
        case "\\", "(", ")", "[", "]", "{", "}", "|", ".", "^", "$", "*", "+", "?": return false
        default: return KeywordScanner.isKeywordByte(UInt8(scalar.value))
        }
    }

    /// The first character of a quantifier.
    static func isQuantifierStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "*" || scalar == "+" || scalar == "?" || scalar == "{"
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
            return parseClass().map { .character($0) }
        case "\\":
            return parseEscape()
        case ".":
            index += 1
            return .character(.any)
        case "^", "$":
            index += 1
            return .assertion
        default:
            index += 1
            return PatternParser.literal(scalar)
        }
    }

    /// A character of the prefilter alphabet as a literal, one outside ASCII as itself (`foreign`); any other
    /// character is just itself.
    static func literal(_ scalar: Unicode.Scalar) -> PatternNode {
        if !scalar.isASCII {
            return .foreign(StartCharacters(scalar), folded: String(Character(KeywordScanner.fold(scalar))))
        }
        guard KeywordScanner.isKeywordByte(UInt8(scalar.value)) else {
            return .character(StartCharacters(scalar))
        }
        let byte = UInt8(scalar.value)
        return .literal(String(Unicode.Scalar(byte >= 65 && byte <= 90 ? byte + 32 : byte)))
    }

    mutating func parseGroup() -> PatternNode? {
        index += 1  // (
        var lookaround = false
        var positive = false
        let outer = caseless
        if current == "*" { return nil }  // (*VERB)
        if current == "?" {
            index += 1
            guard let kind = current else { return nil }
            switch kind {
            case ":", ">", "|":
                index += 1
            case "=", "!":
                positive = kind == "="
                index += 1
                lookaround = true
            case "<":
                if peek(1) == "=" || peek(1) == "!" {
                    positive = peek(1) == "="
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
                return .assertion
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
                let parts = flags.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
                if parts[0].contains("i") { caseless = true }
                if parts.count > 1, parts[1].contains("i") { caseless = false }
                // "(?i)" holds to the end of the enclosing group; "(?i:…)" only inside itself.
                if end == ")" { return .assertion }
            }
        }
        guard let inner = parseAlternation(), current == ")" else { return nil }
        index += 1
        caseless = outer
        guard lookaround else { return inner }
        return positive ? .lookaround(inner) : .assertion
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

    /// A character class `[…]`: the characters it can match (every character when negated).
    mutating func parseClass() -> StartCharacters? {
        index += 1  // [
        var negated = false
        if current == "^" {
            negated = true
            index += 1
        }
        var set = StartCharacters()
        var first = true
        while let next = current {
            if next == "]", !first {
                index += 1
                return negated ? .any : set
            }
            first = false
            if next == "[", peek(1) == ":" {
                // [:alpha:] and friends: not modelled, so anything.
                index += 2
                while let inner = current, inner != "]" { index += 1 }
                index += 1
                set.formUnion(.any)
                continue
            }
            guard let low = classMember() else { return nil }
            guard case .character(let scalar) = low else {
                if case .set(let characters) = low { set.formUnion(characters) }
                continue
            }
            if current == "-", let after = peek(1), after != "]" {
                index += 1
                guard case .character(let high)? = classMember(), high.value >= scalar.value else { return nil }
                set.insert(range: scalar.value...high.value)
            } else {
                set.insert(scalar)
            }
        }
        return nil  // unterminated
    }

    enum ClassMember {
        case character(Unicode.Scalar)
        case set(StartCharacters)
    }

    /// One member of a class: a character (possibly escaped) or an escaped set such as `\d` or `\p{L}`.
    mutating func classMember() -> ClassMember? {
        guard let next = current else { return nil }
        guard next == "\\" else {
            index += 1
            return .character(next)
        }
        switch parseEscape(inClass: true) {
        case .character(let set)?:
            if let scalar = set.single { return .character(scalar) }
            return .set(set)
        case .literal(let text)?:
            return .character(text.unicodeScalars.first!)
        case .foreign(let set, _)?:
            return .set(set)
        case nil:
            return nil
        default:
            return .set(.any)
        }
    }

    /// The text of `{…}` at the current position, consumed with its braces; nil when it is not closed.
    mutating func readBraced() -> String? {
        index += 1  // {
        var text = ""
        while let next = current, next != "}" {
            text.unicodeScalars.append(next)
            index += 1
        }
        guard current == "}" else { return nil }
        index += 1
        return text
    }

    mutating func parseEscape(inClass: Bool = false) -> PatternNode? {
        index += 1
        guard let escaped = current else { return nil }
        index += 1
        switch escaped {
        case "Q", "E", "c":
            // Quoting and control escapes are beyond this reader.
            return nil
        case "K":
            // \K moves where the reported match starts, not where it is tried or what it needs: nothing consumed.
            return inClass ? nil : .assertion
        case "x", "o", "N":
            var digits = ""
            if current == "{" {
                guard let braced = readBraced() else { return nil }
                digits = braced
            } else if escaped == "x" {
                while let next = current, next.properties.isASCIIHexDigit, digits.count < 2 {
                    digits.unicodeScalars.append(next)
                    index += 1
                }
            }
            if escaped == "N", digits.isEmpty { return .character(.any) }  // \N: any but a newline
            if escaped == "N", digits.hasPrefix("U+") { digits.removeFirst(2) }
            let value = escaped == "o" ? UInt32(digits, radix: 8) : UInt32(digits.isEmpty ? "0" : digits, radix: 16)
            guard let value, let scalar = Unicode.Scalar(value) else { return nil }
            return .character(StartCharacters(scalar))
        case "p", "P":
            var name = ""
            if current == "{" {
                guard let braced = readBraced() else { return nil }
                name = braced
            } else if let next = current {
                name.unicodeScalars.append(next)
                index += 1
            }
            return .character(escaped == "p" ? StartCharacters(property: name) : .any)
        case "g", "k":
            // Back-references: whatever the group matched, possibly nothing.
            if escaped == "k" {
                guard let open = current, "<'{".unicodeScalars.contains(open) else { return nil }
                let close: Unicode.Scalar = open == "<" ? ">" : open == "'" ? "'" : "}"
                while let next = current, next != close { index += 1 }
                index += 1
            } else if current == "{" {
                while let next = current, next != "}" { index += 1 }
                index += 1
            } else {
                while let next = current, ("0"..."9").contains(next) || next == "-" { index += 1 }
            }
            return .opaque
        case "d": return .character(.digits)
        case "w": return .character(.wordCharacters)
        case "s": return inClass ? .character(.whitespace) : .space
        case "h": return .character(StartCharacters(ascii: "\t ", nonASCII: true))
        case "v": return .character(StartCharacters(ascii: "\n\u{0B}\u{0C}\r", nonASCII: true))
        case "n": return .character(StartCharacters("\n"))
        case "t": return .character(StartCharacters("\t"))
        case "r": return .character(StartCharacters("\r"))
        case "f": return .character(StartCharacters("\u{0C}"))
        case "e": return .character(StartCharacters("\u{1B}"))
        case "a": return .character(StartCharacters("\u{07}"))
        case "D", "W", "S", "H", "V", "R", "X": return .character(.any)
        case "b":
            return inClass ? .character(.any) : .wordBoundary
        case "B", "A", "z", "Z", "G":
            return inClass ? .character(.any) : .assertion
        default:
            if escaped.properties.isAlphabetic || ("0"..."9").contains(escaped) {
                // \1 … back-references, and escapes this reader does not model: anything, possibly nothing.
                return inClass ? .character(.any) : .opaque
            }
            // An escaped punctuation character stands for itself.
            return PatternParser.literal(escaped)
        }
    }
}
