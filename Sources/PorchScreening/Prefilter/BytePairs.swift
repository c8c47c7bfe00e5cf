import PCRE2

/// Which kinds of byte stand next to each other in a text: a letter right before a digit ("SW1A"), a digit
/// before a dot ("10.0"). Shaped identifiers need such pairs and ordinary prose rarely has them, so a rule
/// whose every match holds a pair the post lacks is skipped (`PatternNode.bytePairs`).
///
/// Eight kinds: a byte outside ASCII (either half of a pair with a character outside ASCII), a lower-case
/// letter, a capital, a digit, ASCII whitespace, `.`, `-`, and every other ASCII byte. A text's pairs are one
/// bit each of a 64-bit set (`first * 8 + second`).
enum BytePairs {
    static let nonASCII: UInt8 = 1 << 0
    static let lower: UInt8 = 1 << 1
    static let upper: UInt8 = 1 << 2
    static let digit: UInt8 = 1 << 3
    static let space: UInt8 = 1 << 4
    static let dot: UInt8 = 1 << 5
    static let dash: UInt8 = 1 << 6
    static let otherASCII: UInt8 = 1 << 7
    static let anyKind: UInt8 = 0xFF

    /// The kind of each byte, as its number (0–7).
    static let kinds: [UInt8] = (0...255).map { value in
        let byte = UInt8(value)
        let kind: UInt8
        switch byte {
        case 0x80...: kind = BytePairs.nonASCII
        case UInt8(ascii: "a")...UInt8(ascii: "z"): kind = BytePairs.lower
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): kind = BytePairs.upper
        case UInt8(ascii: "0")...UInt8(ascii: "9"): kind = BytePairs.digit
        case 0x20, 0x09...0x0D: kind = BytePairs.space
        case UInt8(ascii: "."): kind = BytePairs.dot
        case UInt8(ascii: "-"): kind = BytePairs.dash
        default: kind = BytePairs.otherASCII
        }
        return UInt8(kind.trailingZeroBitCount)
    }

    /// Every pair of a kind in `first` followed by a kind in `second`.
    static func pairs(_ first: UInt8, _ second: UInt8) -> UInt64 {
        // Pair (a, b) is bit a * 8 + b: `second` as a byte, in the byte of each kind in `first`.
        var result: UInt64 = 0
        var kinds = first
        while kinds != 0 {
            result |= UInt64(second) << UInt64(kinds.trailingZeroBitCount * 8)
            kinds &= kinds - 1
        }
        return result
    }

    /// The pairs in `bytes`.
    static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var result: UInt64 = 0
        kinds.withUnsafeBufferPointer { kinds in
            var previous = bytes.isEmpty ? 0 : UInt64(kinds[Int(bytes[0])])
            for byte in bytes.dropFirst() {
                let kind = UInt64(kinds[Int(byte)])
                result |= 1 << (previous << 3 | kind)
                previous = kind
            }
        }
        return result
    }

    /// The kinds of the characters in a set (a character outside ASCII counts as a byte outside ASCII).
    static func kinds(of set: StartCharacters) -> UInt8 {
        var result: UInt8 = set.nonASCII ? nonASCII : 0
        for (kind, bytes) in bytesOfKind.enumerated() where set.ascii.intersects(bytes) { result |= 1 << kind }
        return result
    }

    /// The ASCII bytes of each kind.
    private static let bytesOfKind: [ByteSet] = (0..<8).map { kind in
        var set = ByteSet()
        for byte in UInt8(0)..<0x80 where kinds[Int(byte)] == kind { set.insert(byte) }
        return set
    }

    /// The kinds a literal byte of a pattern stands for: a letter in either case, or a character outside ASCII
    /// that a caseless letter also matches (the Kelvin sign), since the pattern reader keeps literals lower-cased.
    static func kinds(ofLiteral byte: UInt8) -> UInt8 {
        let kind: UInt8 = 1 << kinds[Int(byte)]
        return kind == lower || kind == upper ? lower | upper | nonASCII : kind
    }

    /// The pairs of ordinary prose: a rule's pair that this sentence has filters too little to check.
    static let common: UInt64 = {
        let prose = Array(
            "The baby (3 weeks) sleeps 2-3 hours; I'm up at 3:30am, 4 times a night. Mum's 50mg dose, $1,200! \"Ok\"\n"
                .utf8)
        return prose.withUnsafeBufferPointer { of($0) }
    }()

    /// The most pairs a rule checks.
    static let maximumChecks = 4
}

/// What the byte-pair analysis knows of a node: the kinds its first and last characters can be, whether it can
/// match nothing, and the pairs every match of it holds (each entry: one of these pairs).
private struct PairShape {
    var first: UInt8
    var last: UInt8
    var canBeEmpty: Bool
    /// Zero-width: `\b`, lookarounds, anchors; the characters on either side of it are still neighbours.
    var isZeroWidth = false
    var required: [UInt64] = []

    static let unknown = PairShape(first: BytePairs.anyKind, last: BytePairs.anyKind, canBeEmpty: true)
}

extension PatternNode {
    /// Pair sets every match of the pattern holds a pair of (`BytePairs`), at most `BytePairs.maximumChecks`,
    /// leaving out those ordinary prose has anyway.
    var bytePairs: [UInt64] {
        let required = Set(pairShape.required.filter { $0 & BytePairs.common == 0 })
        return Array(required.sorted { $0.nonzeroBitCount < $1.nonzeroBitCount }.prefix(BytePairs.maximumChecks))
    }

    private func isProse(_ byte: UInt8) -> Bool { byte == 0x20 || byte.isASCIILetter }

    private var pairShape: PairShape {
        switch self {
        case .literal(let text):
            let bytes = Array(text.utf8)
            guard !bytes.isEmpty else { return PairShape(first: 0, last: 0, canBeEmpty: true, isZeroWidth: true) }
            var shape = PairShape(
                first: BytePairs.kinds(ofLiteral: bytes[0]), last: BytePairs.kinds(ofLiteral: bytes[bytes.count - 1]),
                canBeEmpty: false)
            // Letters and spaces side by side are in every post: only pairs with something else are worth a check.
            for index in bytes.indices.dropFirst() where !(isProse(bytes[index - 1]) && isProse(bytes[index])) {
                shape.required.append(
                    BytePairs.pairs(
                        BytePairs.kinds(ofLiteral: bytes[index - 1]), BytePairs.kinds(ofLiteral: bytes[index])))
            }
            return shape
        case .repeated(let text):
            let kinds = BytePairs.kinds(ofLiteral: text.utf8.first!)
            return PairShape(first: kinds, last: kinds, canBeEmpty: false)
        case .character(let set), .foreign(let set, _):
            let kinds = BytePairs.kinds(of: set)
            return PairShape(first: kinds, last: kinds, canBeEmpty: false)
        case .space:
            // `\s` with Unicode classes also matches spaces outside ASCII.
            return PairShape(
                first: BytePairs.space | BytePairs.nonASCII, last: BytePairs.space | BytePairs.nonASCII,
                canBeEmpty: false)
        case .assertion, .wordBoundary:
            return PairShape(first: 0, last: 0, canBeEmpty: true, isZeroWidth: true)
        case .lookaround(let inner):
            // Nothing consumed, but the text holds what it looked at.
            return PairShape(first: 0, last: 0, canBeEmpty: true, isZeroWidth: true, required: inner.pairShape.required)
        case .optional(let inner, _):
            let shape = inner.pairShape
            return PairShape(first: shape.first, last: shape.last, canBeEmpty: true)
        case .opaque:
            return .unknown
        case .alternation(let branches):
            let shapes = branches.map(\.pairShape)
            var shape = PairShape(first: 0, last: 0, canBeEmpty: false)
            for branch in shapes {
                shape.first |= branch.first
                shape.last |= branch.last
                shape.canBeEmpty = shape.canBeEmpty || branch.canBeEmpty
            }
            // Every match takes one branch: one pair set from each, joined, is held by every match.
            if !shape.canBeEmpty, shapes.allSatisfy({ !$0.required.isEmpty }) {
                shape.required = [shapes.reduce(0) { $0 | PatternNode.mostSelective($1.required) }]
            }
            return shape
        case .sequence(let parts):
            return PatternNode.sequenceShape(parts.map(\.pairShape))
        }
    }

    /// The pair set of `candidates` that prose is least likely to hold.
    private static func mostSelective(_ candidates: [UInt64]) -> UInt64 {
        candidates.min {
            ($0 & BytePairs.common != 0 ? 64 : 0) + $0.nonzeroBitCount
                < ($1 & BytePairs.common != 0 ? 64 : 0) + $1.nonzeroBitCount
        }!
    }

    private static func sequenceShape(_ parts: [PairShape]) -> PairShape {
        var shape = PairShape(first: 0, last: 0, canBeEmpty: true)
        // The kinds the character right before the current place can be; nil while there may be none (the
        // match may start there).
        var previous: UInt8?
        for part in parts {
            guard !part.isZeroWidth else {
                shape.required += part.required
                continue
            }
            if shape.canBeEmpty { shape.first |= part.first }
            if part.canBeEmpty {
                // Either it took nothing (the character before stays) or its last character is before.
                previous = previous.map { $0 | part.last }
                continue
            }
            if let previous { shape.required.append(BytePairs.pairs(previous, part.first)) }
            shape.required += part.required
            shape.canBeEmpty = false
            previous = part.last
        }
        // The last character: that of the last part that must match, or of an optional part after it.
        var last: UInt8 = 0
        for part in parts.reversed() where !part.isZeroWidth {
            last |= part.last
            if !part.canBeEmpty { break }
        }
        shape.last = last
        return shape
    }
}
