import PCRE2

extension PatternNode {
    /// Sets of bytes every match holds a byte of (what its lookaheads and lookbehinds look at included), leaving
    /// out the sets ordinary prose has a byte of anyway: `*` or `#` in a word masked with symbols, `@` in an
    /// address. A rule is skipped on posts with no byte of one of them. At most `maximumByteSets`.
    var requiredBytes: [ByteSet] {
        let sets = Set(byteSets.filter { !$0.intersects(PatternNode.proseBytes) })
        return Array(sets.sorted { $0.count < $1.count }.prefix(PatternNode.maximumByteSets))
    }

    static let maximumByteSets = 4

    /// The bytes of ordinary prose (the sentence of `BytePairs.common`, every letter and digit, every ASCII space).
    static let proseBytes: ByteSet = {
        var set = ByteSet()
        for byte in UInt8(ascii: "a")...UInt8(ascii: "z") {
            set.insert(byte)
            set.insert(byte - 32)
        }
        for byte in Array("0123456789 \t\n\r\u{0B}\u{0C}.,;:'\"!?()-$%&/".utf8) { set.insert(byte) }
        return set
    }()

    /// Every byte from `low` through 0xFF: a character outside ASCII, as its bytes.
    private static func bytes(from low: UInt8) -> ByteSet {
        var set = ByteSet()
        for byte in low...0xFF { set.insert(byte) }
        return set
    }

    /// The bytes a literal character of a pattern may be: a letter in either case or (caseless) a character
    /// outside ASCII, since the pattern reader keeps literals lower-cased.
    private static func literalBytes(_ byte: UInt8) -> ByteSet {
        let lower = byte | 0x20
        guard lower &- UInt8(ascii: "a") < 26 else {
            var set = ByteSet()
            set.insert(byte)
            return set
        }
        var set = bytes(from: 0x80)
        set.insert(lower)
        set.insert(lower - 32)
        return set
    }

    private var byteSets: [ByteSet] {
        switch self {
        case .literal(let text), .repeated(let text):
            return text.utf8.map(PatternNode.literalBytes)
        case .character(let characters):
            var set = characters.ascii
            if characters.nonASCII { set.formUnion(PatternNode.bytes(from: 0x80)) }
            return [set]
        case .space:
            var set = PatternNode.bytes(from: 0x80)
            for byte in Array(" \t\n\r\u{0B}\u{0C}".utf8) { set.insert(byte) }
            return [set]
        case .assertion, .wordBoundary, .optional, .opaque:
            return []
        case .lookaround(let inner):
            return inner.byteSets
        case .alternation(let branches):
            // Every match takes one branch: a set from each, joined, holds a byte of every match.
            var union = ByteSet()
            for branch in branches {
                let sets = branch.byteSets
                guard
                    let best = sets.min(by: {
                        ($0.intersects(PatternNode.proseBytes) ? 256 : 0) + $0.count
                            < ($1.intersects(PatternNode.proseBytes) ? 256 : 0) + $1.count
                    })
                else { return [] }
                union.formUnion(best)
            }
            return [union]
        case .sequence(let parts):
            return parts.flatMap(\.byteSets)
        }
    }
}
