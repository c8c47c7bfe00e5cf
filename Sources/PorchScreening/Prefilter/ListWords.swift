import PorchRules

/// Which word lists have a word in a post, found in one pass over the post's words: a PII rule whose named group
/// must be a word of a list (`in_list`, a list of single words such as the given names) is skipped on posts
/// without one.
///
/// A word here is a run of ASCII letters and non-ASCII bytes. An ASCII run is looked up lower-cased; a run with
/// a non-ASCII byte counts as a word of every list (lists hold "Zoë" and "Sinéad", and a run like "Mark’s" holds
/// a name; such runs are few). That is enough because a rule's list check (`ListWords.isWholeWord`) only takes a
/// group that is a whole word of letters: written in ASCII it is exactly one of these runs, and otherwise it
/// lies inside a run with a non-ASCII byte.
final class ListWords: Sendable {
    /// Open addressing: each slot holds a word's hash in its upper half (0 for an empty slot) and, in its lower
    /// half, the lists it belongs to as bits. Two words with one hash only make a rule run where it need not,
    /// never the other way round.
    private let slots: [UInt64]
    private let slotMask: Int
    /// One bit per hash of the words (`filterBits` of them), so most words of a post are found absent without
    /// a look at the bigger table.
    private let filter: [UInt64]
    /// Every list's bit.
    private let all: UInt64

    /// At most 32 lists (one bit each).
    static let maximumLists = 32
    /// Bigger lists do not gate: a list this long (the 20,000 surnames) holds most everyday words, and looking
    /// them up costs more than skipping rules on the few posts without one saves.
    static let maximumWords = 10_000
    private static let filterBits = 1 << 15

    /// A list to find: the words of `words` (the list called `name`) that are in none of `excluded`.
    struct Wanted {
        let name: String
        let words: WordSet
        let excluded: [WordSet]
    }

    /// `lists[i]` gets bit `i`; each list's words lower-cased, letters only. Each word is hashed once however
    /// many of the lists hold it.
    init(lists: [Wanted]) {
        precondition(lists.count <= ListWords.maximumLists)
        // The lists made from one word list, together: the same words with different exclusions.
        var sources: [(name: String, words: WordSet, bits: [(bit: UInt64, excluded: [WordSet])])] = []
        for (index, list) in lists.enumerated() {
            let bit = UInt64(1) << UInt64(index)
            if let shared = sources.firstIndex(where: { $0.name == list.name }) {
                sources[shared].bits.append((bit, list.excluded))
            } else {
                sources.append((list.name, list.words, [(bit, list.excluded)]))
            }
        }
        var size = 16
        while size < sources.reduce(0, { $0 + $1.words.count }) * 2 { size *= 2 }
        var slots = [UInt64](repeating: 0, count: size)
        var filter = [UInt64](repeating: 0, count: ListWords.filterBits / 64)
        for (_, words, bits) in sources {
            // The excluded words' hashes: only a word with one of them needs a look in the excluded lists.
            let excludedHashes = Set(bits.flatMap { $0.excluded.flatMap { $0.map { ListWords.hash($0.utf8) } } })
            for var word in words {
                // Read in place; nil for a word with a byte outside ASCII (a post's run with such a byte counts
                // for every list anyway).
                guard let hash = word.withUTF8({ $0.allSatisfy { $0 < 0x80 } ? ListWords.hash($0) : nil }) else {
                    continue
                }
                var mask: UInt64 = 0
                for (bit, excluded) in bits {
                    if excludedHashes.contains(hash), excluded.contains(where: { $0.contains(word) }) { continue }
                    mask |= bit
                }
                guard mask != 0 else { continue }
                let filterBit = Int(truncatingIfNeeded: hash >> 40) & (ListWords.filterBits - 1)
                filter[filterBit >> 6] |= 1 << UInt64(filterBit & 63)
                var slot = Int(truncatingIfNeeded: hash) & (size - 1)
                while slots[slot] != 0 && slots[slot] & ~0xFFFF_FFFF != hash & ~0xFFFF_FFFF {
                    slot = (slot + 1) & (size - 1)
                }
                slots[slot] = (hash & ~0xFFFF_FFFF) | (slots[slot] & 0xFFFF_FFFF) | mask
            }
        }
        self.slots = slots
        self.filter = filter
        slotMask = size - 1
        all = lists.isEmpty ? 0 : UInt64.max >> UInt64(64 - lists.count)
    }

    private static let basis: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let prime: UInt64 = 0x100_0000_01b3

    /// FNV-1a of the lower-cased bytes, with the top bit set (an empty slot is 0).
    @inline(__always)
    static func hash<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var hash = basis
        for byte in bytes { hash = (hash ^ UInt64(byte | 0x20)) &* prime }
        return finished(hash)
    }

    @inline(__always)
    private static func finished(_ hash: UInt64) -> UInt64 { (hash ^ (hash >> 29)) | 1 << 63 }

    /// The lists with a word in `bytes`: `anyCase`, and `capitalised` for words that start with a capital letter.
    func scan(_ bytes: [UInt8]) -> ListHits {
        var hits = ListHits(anyCase: 0, capitalised: 0)
        slots.withUnsafeBufferPointer { slots in
            filter.withUnsafeBufferPointer { filter in
                bytes.withUnsafeBufferPointer { bytes in
                    var hash = ListWords.basis
                    var inWord = false
                    var nonASCII = false
                    var capital = false
                    @inline(__always)
                    func endWord() {
                        if nonASCII {
                            hits.anyCase = all
                            hits.capitalised = all
                            return
                        }
                        let key = ListWords.finished(hash)
                        let filterBit = Int(truncatingIfNeeded: key >> 40) & (ListWords.filterBits - 1)
                        guard filter[filterBit >> 6] & (1 << UInt64(filterBit & 63)) != 0 else { return }
                        var slot = Int(truncatingIfNeeded: key) & slotMask
                        while slots[slot] != 0 {
                            if slots[slot] & ~0xFFFF_FFFF == key & ~0xFFFF_FFFF {
                                let mask = slots[slot] & 0xFFFF_FFFF
                                hits.anyCase |= mask
                                if capital { hits.capitalised |= mask }
                                return
                            }
                            slot = (slot &+ 1) & slotMask
                        }
                    }
                    for byte in bytes {
                        let isLetter = byte.isASCIILetter
                        if isLetter || byte >= 0x80 {
                            if !inWord {
                                inWord = true
                                hash = ListWords.basis
                                nonASCII = false
                                capital = byte.isASCIIUppercase
                            }
                            if isLetter {
                                hash = (hash ^ UInt64(byte | 0x20)) &* ListWords.prime
                            } else {
                                nonASCII = true
                            }
                        } else if inWord {
                            inWord = false
                            endWord()
                        }
                    }
                    if inWord { endWord() }
                }
            }
        }
        return hits
    }

    /// True when `range` of `bytes` is a whole word of letters (`WordList.isLetter`, what lists of single words are
    /// made of), with no letter right before or after it. Only such a group can pass a list check that `ListWords`
    /// gates.
    static func isWholeWord(_ range: Range<Int>, in bytes: [UInt8]) -> Bool {
        guard !range.isEmpty else { return false }
        let isLetter = WordList.isLetter
        if bytes[range].allSatisfy(\.isASCIILetter) {
            // Plain ASCII letters: only the neighbours need a look.
        } else if !String(decoding: bytes[range], as: UTF8.self).unicodeScalars.allSatisfy(isLetter) {
            return false
        }
        if range.lowerBound > 0 {
            var start = range.lowerBound - 1
            while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
            if let before = String(decoding: bytes[start..<range.lowerBound], as: UTF8.self).unicodeScalars.last,
                isLetter(before)
            {
                return false
            }
        }
        if range.upperBound < bytes.count {
            var end = range.upperBound + 1
            while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
            if let after = String(decoding: bytes[range.upperBound..<end], as: UTF8.self).unicodeScalars.first,
                isLetter(after)
            {
                return false
            }
        }
        return true
    }
}

/// The word lists with a word in one post (`ListWords.scan`), as bits.
public struct ListHits: Sendable {
    var anyCase: UInt64
    var capitalised: UInt64
}

/// A PII rule's list checks as a gate: for each group, the list bit the group's word needs, and whether the group
/// always starts with a capital letter.
struct ListGate: Sendable {
    var checks: [(bit: UInt64, capitalised: Bool)]

    /// False when some group's list has no word in the post, so the rule cannot find anything there.
    @inline(__always)
    func passes(_ hits: ListHits) -> Bool {
        checks.allSatisfy { ($0.capitalised ? hits.capitalised : hits.anyCase) & $0.bit != 0 }
    }
}
