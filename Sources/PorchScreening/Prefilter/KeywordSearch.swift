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
    ///
    /// The text is read once into an index of where each pair of classes stands (`PairIndex`); a word is then
    /// compared only where its first two classes stand, not at every place in the text (which, for the thousands of
    /// words that pass the pair test in a long post, was most of a one-post command's screening).
    func scan(_ bytes: [UInt8]) -> KeywordHits {
        var hits = KeywordHits(count: ends.count)
        let text = KeywordSearch.classified(KeywordScanner.folded(bytes) ?? bytes)
        guard !text.isEmpty else { return hits }
        let index = PairIndex(text)
        text.withUnsafeBytes { text in
            classes.withUnsafeBytes { words in
                var start = 0
                for id in ends.indices {
                    let end = Int(ends[id])
                    defer { start = end }
                    let length = end - start
                    if length == 0 { continue }
                    if length == 1 {
                        if index.holds(words[start]) { hits.insert(id) }
                        continue
                    }
                    if index.contains(words.baseAddress! + start, length, in: text) { hits.insert(id) }
                }
            }
        }
        return hits
    }

    /// Where each pair of neighbouring classes stands in a text: the classes and pairs present as bits, and the
    /// places of each pair as a chain through `next`, from the last place in `head` (by a hash of the pair: places of
    /// pairs that share a bucket are ruled out by the comparison).
    private struct PairIndex {
        static let buckets = 4096

        /// The classes present, a bit each.
        var singles = [UInt64](repeating: 0, count: 4)
        /// The pairs present, a bit each: most words are ruled out by their first two classes here.
        var pairs = [UInt64](repeating: 0, count: 65_536 / 64)
        /// The last place (plus one; 0 for none) of a pair in each bucket.
        var head = [Int32](repeating: 0, count: PairIndex.buckets)
        /// The place before `place` (plus one; 0 for none) of a pair in the same bucket.
        var next: [Int32]

        init(_ text: [UInt8]) {
            next = [Int32](repeating: 0, count: text.count)
            for place in text.indices {
                singles[Int(text[place]) >> 6] |= 1 << UInt64(text[place] & 63)
                guard place + 1 < text.count else { continue }
                let pair = Int(text[place]) << 8 | Int(text[place + 1])
                pairs[pair >> 6] |= 1 << UInt64(pair & 63)
                let bucket = PairIndex.bucket(pair)
                next[place] = head[bucket]
                head[bucket] = Int32(place + 1)
            }
        }

        @inline(__always)
        static func bucket(_ pair: Int) -> Int { (pair ^ ((pair >> 7) &* 31)) & (buckets - 1) }

        /// True when the text holds the class `symbol`.
        @inline(__always)
        func holds(_ symbol: UInt8) -> Bool { singles[Int(symbol) >> 6] & (1 << UInt64(symbol & 63)) != 0 }

        /// True when `text` (the classes this index was made from) holds the `length` classes at `word` (two or
        /// more).
        @inline(__always)
        func contains(_ word: UnsafeRawPointer, _ length: Int, in text: UnsafeRawBufferPointer) -> Bool {
            let pair = Int(word.load(as: UInt8.self)) << 8 | Int(word.load(fromByteOffset: 1, as: UInt8.self))
            guard pairs[pair >> 6] & (1 << UInt64(pair & 63)) != 0, length <= text.count else { return false }
            let base = text.baseAddress!
            var place = Int(head[PairIndex.bucket(pair)])
            while place != 0 {
                let start = place - 1
                if start + length <= text.count && memcmp(base + start, word, length) == 0 { return true }
                place = Int(next[start])
            }
            return false
        }
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
