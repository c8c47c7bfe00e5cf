import PCRE2

extension PatternNode {
    /// Sets of bytes every match holds a byte of (what its lookaheads and lookbehinds look at included), leaving
    /// out the sets ordinary prose has a byte of anyway: `*` or `#` in a word masked with symbols, `@` in an
    /// address, `(` in a name given in brackets. A rule is skipped on posts with no byte of one of them. At most
    /// `maximumByteSets`.
    var requiredBytes: [ByteSet] {
        let sets = Set(byteSets)
        return Array(sets.sorted { $0.count < $1.count }.prefix(PatternNode.maximumByteSets))
    }

    static let maximumByteSets = 4

    /// The bytes of ordinary prose: every letter and digit, ASCII whitespace, the punctuation people write in most
    /// posts. Brackets are not among them: most posts have none, and rules that read "the nursery (its busy bumbles)"
    /// or "our DS (Zeb)" need one.
    static let proseBytes: ByteSet = {
        var set = ByteSet()
        for byte in UInt8(ascii: "a")...UInt8(ascii: "z") {
            set.insert(byte)
            set.insert(byte - 32)
        }
        for byte in Array("0123456789 \t\n\r\u{0B}\u{0C}.,;:'\"!?-$%&/".utf8) { set.insert(byte) }
        return set
    }()

    /// The set of one byte, or nil for a byte of prose (which filters nothing).
    private static func rare(_ byte: UInt8) -> ByteSet? {
        guard !proseBytes.contains(byte) else { return nil }
        var set = ByteSet()
        set.insert(byte)
        return set
    }

    private var byteSets: [ByteSet] {
        switch self {
        // Sets with a byte of prose filter nothing: they are left out where they arise (a letter in either case,
        // whitespace, a character outside ASCII, which a caseless letter may be). So an alternation with a
        // branch of letters only needs nothing, as it should.
        case .literal(let text), .repeated(let text):
            return text.utf8.compactMap(PatternNode.rare)
        case .character(let characters), .foreign(let characters, _):
            guard !characters.nonASCII, !characters.ascii.intersects(PatternNode.proseBytes) else { return [] }
            return [characters.ascii]
        case .space:
            return []
        case .assertion, .wordBoundary, .optional, .opaque:
            return []
        case .lookaround(let inner):
            return inner.byteSets
        case .alternation(let branches):
            // Every match takes one branch: a set from each, joined, holds a byte of every match.
            var union = ByteSet()
            for branch in branches {
                guard let smallest = branch.byteSets.min(by: { $0.count < $1.count }) else { return [] }
                union.formUnion(smallest)
            }
            return [union]
        case .sequence(let parts):
            return parts.flatMap(\.byteSets)
        }
    }
}
