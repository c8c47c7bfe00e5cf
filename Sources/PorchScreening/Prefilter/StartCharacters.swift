import PCRE2

/// The characters a match of a pattern can start with: a set of ASCII characters, and whether any non-ASCII
/// character may start one. Always a superset: literal words count in both cases (the pattern reader keeps
/// them lower-cased), every letter in a caseless part of a pattern counts in both cases, and every Unicode
/// class counts as all of non-ASCII.
///
/// PCRE2 skips ahead to a possible first byte only when it can work the set out itself, and it cannot for
/// patterns that start with a Unicode property (`\b\p{Lu}\p{Ll}+`): those are tried at every byte of every
/// post. `StartCharacters.fasterPattern(for:caseless:startBytes:)` states the set as a leading `(?=[…])`,
/// which PCRE2 can use.
struct StartCharacters: Equatable {
    var ascii = ByteSet()
    var nonASCII = false

    init() {}

    init(_ scalar: Unicode.Scalar) { insert(scalar) }

    init(ascii characters: String, nonASCII: Bool) {
        for scalar in characters.unicodeScalars { insert(scalar) }
        self.nonASCII = self.nonASCII || nonASCII
    }

    /// A Unicode property such as `Lu`, `L`, `Nd`; properties not modelled here may be anything.
    init(property name: String) {
        switch name {
        case "Lu": self.init(ascii: "ABCDEFGHIJKLMNOPQRSTUVWXYZ", nonASCII: true)
        case "Ll": self.init(ascii: "abcdefghijklmnopqrstuvwxyz", nonASCII: true)
        case "L", "L&", "Latin": self = .letters
        case "Lt", "Lm", "Lo", "M", "Mn", "Mc", "Me": self.init(ascii: "", nonASCII: true)
        case "N", "Nd": self = .digits
        case "Zs", "Z": self.init(ascii: " ", nonASCII: true)
        default: self = .any
        }
    }

    static let any: StartCharacters = {
        var set = StartCharacters()
        for byte in UInt8(0)..<0x80 { set.ascii.insert(byte) }
        set.nonASCII = true
        return set
    }()
    static let letters = StartCharacters(
        ascii: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", nonASCII: true)
    static let digits = StartCharacters(ascii: "0123456789", nonASCII: true)
    static let wordCharacters = StartCharacters(
        ascii: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_", nonASCII: true)
    static let whitespace = StartCharacters(ascii: " \t\n\u{0B}\u{0C}\r", nonASCII: true)

    var isAny: Bool { self == .any }

    /// True when every member is an ASCII digit (and there is one).
    var isASCIIDigits: Bool {
        !nonASCII && ascii != ByteSet()
            && (UInt8(0)..<0x80).allSatisfy { !ascii.contains($0) || $0 &- UInt8(ascii: "0") < 10 }
    }

    /// The one character in the set, if it holds exactly one.
    var single: Unicode.Scalar? {
        guard !nonASCII else { return nil }
        let members = (UInt8(0)..<0x80).filter { ascii.contains($0) }
        return members.count == 1 ? Unicode.Scalar(members[0]) : nil
    }

    /// Adds a character, exactly (see `closedUnderCase` for caseless patterns).
    mutating func insert(_ scalar: Unicode.Scalar) {
        if scalar.isASCII { ascii.insert(UInt8(scalar.value)) } else { nonASCII = true }
    }

    /// The set with every ASCII letter in both cases, and for any letter every non-ASCII character too (a
    /// caseless K also matches the Kelvin sign, a caseless s the long s).
    var closedUnderCase: StartCharacters {
        var closed = self
        for byte in UInt8(0x41)...0x5A where ascii.contains(byte) || ascii.contains(byte + 0x20) {
            closed.ascii.insert(byte)
            closed.ascii.insert(byte + 0x20)
            closed.nonASCII = true
        }
        if nonASCII { closed.formUnion(StartCharacters(ascii: "kKsS", nonASCII: true)) }
        return closed
    }

    mutating func insert(range: ClosedRange<UInt32>) {
        if range.lowerBound < 0x80 {
            for value in range.lowerBound...min(range.upperBound, 0x7F) { insert(Unicode.Scalar(UInt8(value))) }
        }
        if range.upperBound >= 0x80 { nonASCII = true }
    }

    mutating func formUnion(_ other: StartCharacters) {
        ascii.formUnion(other.ascii)
        nonASCII = nonASCII || other.nonASCII
    }

    /// Only the characters that can start a match of both: this set and PCRE2's own first bytes.
    func restricted(to bytes: ByteSet) -> StartCharacters {
        var restricted = StartCharacters()
        restricted.ascii = ascii.intersection(bytes)
        restricted.nonASCII = nonASCII && (UInt8(0xC2)...0xF4).contains { bytes.contains($0) }
        return restricted
    }

    /// Skipping the rest of a word pays where attempts are many (a match can start with most letters); a rare
    /// first letter is cheaper to find than to skip from.
    static let lettersWorthSkipping = 12

    /// How many ASCII letters (either case) can start a match.
    var letterCount: Int {
        (UInt8(0x41)...0x5A).filter { ascii.contains($0) || ascii.contains($0 + 0x20) }.count
    }

    /// `(?=[…])` for a pattern whose every match starts with a character of this set. Non-ASCII is written
    /// `[^\x00-\x7f]`, not a range up to U+10FFFF: a caseless pattern would work out the other case of every
    /// character in such a range when it is compiled (milliseconds per rule).
    var lookahead: String {
        var members = ""
        for byte in UInt8(0)..<0x80 where ascii.contains(byte) {
            members += "\\x{" + String(byte, radix: 16) + "}"
        }
        let alternatives = (members.isEmpty ? [] : ["[" + members + "]"]) + (nonASCII ? ["[^\\x00-\\x7f]"] : [])
        return "(?=" + alternatives.joined(separator: "|") + ")"
    }

    /// The pattern rewritten so PCRE2 tries it at fewer places, with the same matches; nil when that would not
    /// help. Two rewrites, each proved by `porch rules check` on every example:
    ///
    /// - A leading lookahead names the characters a match can start with, when PCRE2 cannot work them out
    ///   itself (`startBytes` nil): a pattern starting with `\p{Lu}` is otherwise tried at every byte.
    /// - When every match starts at `\b` and can start with most letters, a failed attempt inside a word skips
    ///   the rest of the word (`|\w++(*SKIP)(*F)`): no match can start between two word characters, and such
    ///   a pattern is otherwise tried at every letter.
    static func fasterPattern(for pattern: String, caseless: Bool, startBytes: ByteSet?) -> String? {
        guard let node = PatternParser.read(pattern, caseless: caseless) else { return nil }
        return fasterPattern(for: pattern, node: node, startBytes: startBytes)
    }

    /// `fasterPattern(for:caseless:startBytes:)` for a pattern already read (with the rule's caseless option).
    static func fasterPattern(
        for pattern: String, node: PatternNode, start: StartCharacters? = nil, startBytes: ByteSet?
    ) -> String? {
        guard !node.canBeEmpty else { return nil }
        var start = start ?? node.start
        if let startBytes { start = start.restricted(to: startBytes) }
        guard !start.isAny else { return nil }
        if node.startsAtWordBoundary, start.letterCount >= lettersWorthSkipping {
            return start.lookahead + "(?:(?:" + pattern + ")|\\w++(*SKIP)(*F))"
        }
        return startBytes == nil ? start.lookahead + "(?:" + pattern + ")" : nil
    }
}

extension PatternNode {
    /// The characters a match can start with.
    var start: StartCharacters {
        switch self {
        case .literal(let text), .repeated(let text):
            return StartCharacters(text.unicodeScalars.first!).closedUnderCase
        case .character(let set), .foreign(let set, _):
            return set
        case .space:
            return .whitespace
        case .assertion, .wordBoundary, .lookaround:
            return StartCharacters()
        case .optional(let inner, _):
            return inner.start
        case .opaque:
            return .any
        case .alternation(let branches):
            var set = StartCharacters()
            for branch in branches { set.formUnion(branch.start) }
            return set
        case .sequence(let parts):
            var set = StartCharacters()
            for part in parts {
                set.formUnion(part.start)
                if !part.canBeEmpty { break }
            }
            return set
        }
    }

    /// True when every match starts at a `\b` (before anything is consumed): no match can start inside a
    /// word, between two word characters.
    var startsAtWordBoundary: Bool {
        switch self {
        case .wordBoundary: return true
        case .alternation(let branches): return branches.allSatisfy(\.startsAtWordBoundary)
        case .sequence(let parts):
            for part in parts {
                if part.startsAtWordBoundary { return true }
                switch part {
                case .assertion, .lookaround: continue
                default: return false
                }
            }
            return false
        default: return false
        }
    }

    /// True when a match can consume nothing.
    var canBeEmpty: Bool {
        switch self {
        case .literal, .repeated, .character, .foreign, .space: return false
        case .assertion, .wordBoundary, .lookaround, .optional, .opaque: return true
        case .alternation(let branches): return branches.contains { $0.canBeEmpty }
        case .sequence(let parts): return parts.allSatisfy { $0.canBeEmpty }
        }
    }
}

/// Proof that a screener's rewritten patterns (`StartCharacters.fasterPattern`) match exactly as written: the
/// rules' own patterns compiled once, and every match of both compared (whole match and every group). Used by
/// `porch rules check` on every example and by the scrubber fuzzer on random text; a disagreement is a bug in
/// Porch, never in the rules.
public struct RewriteCheck: Sendable {
    private let pairs: [(id: String, faster: Regex, written: Regex)]

    public init(_ screener: Screener) {
        pairs = screener.rulePlans.compactMap { id, compiled in
            guard compiled.regex.pattern != compiled.pattern,
                let written = try? Regex(compiled.pattern, options: compiled.options)
            else { return nil }
            return (id, compiled.regex, written)
        }
    }

    /// How many rules run in a rewritten form.
    public var count: Int { pairs.count }

    /// The ids of the rules whose rewritten form matches `text` (normalized) differently from the rule.
    public func disagreements(in text: NormalizedText, matcher: Matcher) -> [String] {
        pairs.compactMap { id, faster, written in
            let groups = 0...written.captureCount
            func spans(_ regex: Regex) -> [[Range<Int>?]]? {
                try? matcher.matches(of: regex, in: text.subject).map { match in groups.map { match.range($0) } }
            }
            return spans(faster) == spans(written) ? nil : id
        }
    }
}
