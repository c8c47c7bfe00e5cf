import Foundation

/// The keywords of a `KeywordScanner`, found in one text by looking for each in turn: for a command that screens
/// a post or two, where building the scanner's automaton (tens of milliseconds for every rule's words) costs more
/// than it saves. It finds the same keywords the scanner finds: the text and the words are read as the same byte
/// classes (ASCII letters in one case, each run of whitespace, Unicode spaces included, as one space) and the
/// text folded (`KeywordScanner.folded`) when it holds a byte outside ASCII.
/// `OnePostGatesTests.theSearchFindsWhatTheScannerFinds` checks it against the scanner over every word the rules
/// gate on.
struct KeywordSearch: Sendable, Equatable {
    /// Every word as classes, one after another; word `id` is `classes[ends[id - 1] ..< ends[id]]`. (Kept as they
    /// are in a prepared folder: `Screener.Gates`.)
    let classes: [UInt8]
    let ends: [Int32]

    /// The search for `keywords`, by id.
    init(keywords: [String]) {
        var classes: [UInt8] = []
        var ends: [Int32] = []
        ends.reserveCapacity(keywords.count)
        for word in keywords {
            classes += KeywordScanner.collapsingWhitespace(word.utf8).map(KeywordSearch.byteClass)
            ends.append(Int32(classes.count))
        }
        self.classes = classes
        self.ends = ends
    }

    /// A search as kept; nil when `ends` do not fit `classes` (a damaged file).
    init?(classes: [UInt8], ends: [Int32]) {
        var last: Int32 = 0
        for end in ends {
            guard end >= last else { return nil }
            last = end
        }
        guard Int(last) <= classes.count else { return nil }
        self.classes = classes
        self.ends = ends
    }

    /// How many words it looks for.
    var count: Int { ends.count }

    /// An ASCII byte's scanner class; a byte outside ASCII is a class of its own (its value, above every ASCII class).
    @inline(__always)
    static func byteClass(_ byte: UInt8) -> UInt8 { byte < 0x80 ? KeywordScanner.asciiClasses[Int(byte)] : byte }

    /// The ids of the keywords that occur in `bytes`.
    func scan(_ bytes: [UInt8]) -> KeywordHits {
        var hits = KeywordHits(count: ends.count)
        let text = KeywordSearch.classified(KeywordScanner.folded(bytes) ?? bytes)
        guard !text.isEmpty else { return hits }
        // Which classes and pairs of classes the text holds: most words are ruled out by their first two.
        var singles = [UInt64](repeating: 0, count: 4)
        var pairs = [UInt64](repeating: 0, count: 65_536 / 64)
        for index in text.indices {
            singles[Int(text[index]) >> 6] |= 1 << UInt64(text[index] & 63)
            if index + 1 < text.count {
                let pair = Int(text[index]) << 8 | Int(text[index + 1])
                pairs[pair >> 6] |= 1 << UInt64(pair & 63)
            }
        }
        text.withUnsafeBytes { text in
            classes.withUnsafeBytes { words in
                var start = 0
                for id in ends.indices {
                    let end = Int(ends[id])
                    defer { start = end }
                    let length = end - start
                    if length == 0 { continue }
                    let first = Int(words[start])
                    if length == 1 {
                        if singles[first >> 6] & (1 << UInt64(first & 63)) != 0 { hits.insert(id) }
                        continue
                    }
                    let pair = first << 8 | Int(words[start + 1])
                    guard pairs[pair >> 6] & (1 << UInt64(pair & 63)) != 0 else { continue }
                    if KeywordSearch.contains(text, words.baseAddress! + start, length) { hits.insert(id) }
                }
            }
        }
        return hits
    }

    /// True when `text` holds the `length` bytes at `word` (two or more).
    @inline(__always)
    private static func contains(_ text: UnsafeRawBufferPointer, _ word: UnsafeRawPointer, _ length: Int) -> Bool {
        guard length <= text.count else { return false }
        let first = word.load(as: UInt8.self)
        let second = word.load(fromByteOffset: 1, as: UInt8.self)
        let base = text.baseAddress!
        for start in 0...(text.count - length)
        where text[start] == first && text[start + 1] == second && memcmp(base + start, word, length) == 0 {
            return true
        }
        return false
    }

    /// `bytes` as classes, each run of whitespace (ASCII or Unicode) as one space, as the scanner reads a text.
    private static func classified(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        let space = KeywordScanner.spaceClass
        bytes.withUnsafeBufferPointer { bytes in
            var position = 0
            while position < bytes.count {
                let byte = bytes[position]
                var symbol = byteClass(byte)
                position += 1
                if byte >= 0xC2, let length = KeywordScanner.unicodeSpaceLength(bytes, at: position - 1) {
                    symbol = space
                    position += length - 1
                }
                if symbol == space, result.last == space { continue }
                result.append(symbol)
            }
        }
        return result
    }
}
