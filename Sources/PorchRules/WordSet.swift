import Foundation

/// The words of one list (`lists/NAME.txt`), lower-cased, as one buffer of bytes and a hash table over it.
///
/// Every command starts by reading the lists (a few hundred thousand entries). A `Set<String>` made a string
/// and a SipHash per entry, which was the largest part of starting; this table hashes each entry's bytes in
/// place. Entries are compared as UTF-8 after canonical composition (NFC), as `Set<String>` compared them.
///
/// A table kept in a prepared rules file is read where the file is mapped (`init(stored:in:)`), not copied: the
/// lists are megabytes, and copying them was a one-post command's largest single cost. It is copied into arrays of
/// its own only if it is changed.
public struct WordSet: Sendable, Sequence, Equatable, ExpressibleByArrayLiteral, CustomStringConvertible {
    /// Every entry's bytes, one after another.
    private var bytes: [UInt8] = []
    /// Entry `i` is `bytes[ends[i - 1]..<ends[i]]` (from 0 for the first).
    private var ends: [Int32] = []
    /// Open addressing: an entry's index plus one, 0 for an empty slot; a power of two, at most half full.
    private var slots: [Int32] = Array(repeating: 0, count: 16)
    /// The same three parts in a mapped file, read in place; when set, the arrays above are unused.
    private var mapped: Mapped?

    /// Where a table read in place lies in its file: byte offsets and counts of its three parts.
    private struct Mapped: Sendable {
        let file: MappedFile
        let bytes: Range<Int>
        let ends: Int
        let slots: Int
        let entryCount: Int
        let slotCount: Int
    }

    public init() {}

    public init(arrayLiteral words: String...) { self.init(words) }

    public init<Words: Sequence>(_ words: Words) where Words.Element == String {
        for word in words { insert(word) }
    }

    /// The list file's entries (one per line, `#` starts a comment, blank lines skipped), lower-cased.
    init(listText text: String) {
        var text = text
        text.withUTF8 { bytes in
            reserve(entries: bytes.count / 7, bytes: bytes.count)
            var start = 0
            while start < bytes.count {
                var lineEnd = start
                while lineEnd < bytes.count && bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
                var end = start
                while end < lineEnd && bytes[end] != UInt8(ascii: "#") { end += 1 }
                var first = start
                while first < end && (bytes[first] == 0x20 || bytes[first] == 0x09) { first += 1 }
                while end > first && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0D) {
                    end -= 1
                }
                if first < end { insert(lowerCasing: UnsafeBufferPointer(rebasing: bytes[first..<end])) }
                start = lineEnd + 1
            }
        }
    }

    public var count: Int { mapped?.entryCount ?? ends.count }
    public var isEmpty: Bool { count == 0 }

    /// True when `word` (compared as written: lists are lower-case, so pass a lower-cased word) is an entry.
    public func contains(_ word: String) -> Bool {
        var word = word
        if let found = word.withUTF8({ $0.allSatisfy { $0 < 0x80 } ? contains(utf8: $0) : nil }) { return found }
        var composed = word.precomposedStringWithCanonicalMapping
        return composed.withUTF8 { contains(utf8: $0) }
    }

    /// True when `word` (lower-cased) is an entry as written or with its accents taken off: a list that holds
    /// "aine" and "sean" holds "áine" and "seán" too, as a list of ordinary words holding "cafe" holds "café".
    /// Letters with a stroke or a slash (ł, ø, đ, ß) are read as the plain letter.
    public func containsIgnoringAccents(_ word: String) -> Bool {
        if contains(word) { return true }
        guard !word.utf8.allSatisfy({ $0 < 0x80 }) else { return false }
        var plain = ""
        for scalar in word.decomposedStringWithCanonicalMapping.unicodeScalars {
            if let letter = WordSet.plainLetters[scalar] {
                plain += letter
            } else if !scalar.properties.isDiacritic || scalar.isASCII {
                plain.unicodeScalars.append(scalar)
            }
        }
        return plain != word && contains(plain)
    }

    /// Letters that do not decompose into a plain letter and a mark.
    private static let plainLetters: [Unicode.Scalar: String] = [
        "ł": "l", "ø": "o", "đ": "d", "ð": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "ħ": "h", "ŧ": "t",
    ]

    /// True when these bytes (UTF-8, already composed) are an entry.
    public func contains(utf8 word: UnsafeBufferPointer<UInt8>) -> Bool {
        withTable { $0.slot(for: word, hash: WordSet.hash(word)).found }
    }

    public mutating func insert(_ word: String) {
        var composed = word.unicodeScalars.allSatisfy(\.isASCII) ? word : word.precomposedStringWithCanonicalMapping
        composed.withUTF8 { insert(bytes: $0) }
    }

    public func makeIterator() -> AnyIterator<String> {
        var index = 0
        return AnyIterator {
            guard index < count else { return nil }
            defer { index += 1 }
            return withTable { $0.entry(index) }
        }
    }

    public static func == (left: WordSet, right: WordSet) -> Bool {
        left.count == right.count && left.allSatisfy { right.contains($0) }
    }

    public var description: String { "[" + sorted().map { "\"\($0)\"" }.joined(separator: ", ") + "]" }

    // MARK: - The stored form

    /// The table as `ListCache` keeps it: a header (`storedMagic`, then the byte, entry and slot counts as 64-bit
    /// integers), the entries' bytes, their ends and the slots, in this machine's byte order.
    var stored: [UInt8] {
        withTable { table in
            var out = Array(WordSet.storedMagic.utf8)
            for count in [table.bytes.count, table.entryCount, table.slotCount] {
                withUnsafeBytes(of: UInt64(count)) { out += $0 }
            }
            out += table.bytes
            out += table.ends
            out += table.slots
            return out
        }
    }

    /// The table `stored` wrote, or nil when these bytes are not one: a cache file from another version, cut short
    /// or damaged. Every count, end and slot is checked, so a damaged table is refused rather than misread; unless
    /// `checked` is false, for bytes under a checksum the caller has verified: then the counts and sizes only.
    init?(stored raw: UnsafeRawBufferPointer, checked: Bool = true) {
        guard let (byteCount, entryCount, slotCount) = WordSet.counts(stored: raw) else { return nil }
        var offset = WordSet.storedHeader
        func copy<Element>(_ count: Int, as _: Element.Type) -> [Element] {
            defer { offset += count * MemoryLayout<Element>.size }
            return Array(unsafeUninitializedCapacity: count) { buffer, initialized in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(
                    from: UnsafeRawBufferPointer(rebasing: raw[offset..<offset + count * MemoryLayout<Element>.size]))
                initialized = count
            }
        }
        bytes = copy(byteCount, as: UInt8.self)
        ends = copy(entryCount, as: Int32.self)
        slots = copy(slotCount, as: Int32.self)
        guard checked else { return }
        var previous: Int32 = 0
        for end in ends {
            guard end >= previous else { return nil }
            previous = end
        }
        guard Int(previous) == byteCount else { return nil }
        var filled = 0
        for slot in slots where slot != 0 {
            guard slot > 0, Int(slot) <= entryCount else { return nil }
            filled += 1
        }
        guard filled == entryCount else { return nil }
    }

    /// The table `stored` wrote, read in place from `file`, which holds `raw` and whose bytes the caller has
    /// verified by a checksum (the counts and sizes are checked, not every end and slot); nil when these bytes are
    /// not one or `file` does not hold them.
    init?(stored raw: UnsafeRawBufferPointer, in file: MappedFile) {
        guard file.holds(raw), let (byteCount, entryCount, slotCount) = WordSet.counts(stored: raw) else { return nil }
        let start = (raw.baseAddress.map { $0 - file.bytes.baseAddress! } ?? 0) + WordSet.storedHeader
        let ends = start + byteCount
        mapped = Mapped(
            file: file, bytes: start..<ends, ends: ends, slots: ends + 4 * entryCount, entryCount: entryCount,
            slotCount: slotCount)
    }

    /// The byte, entry and slot counts of a stored table, when its header is one and its size fits them.
    private static func counts(stored raw: UnsafeRawBufferPointer) -> (bytes: Int, entries: Int, slots: Int)? {
        let header = WordSet.storedMagic.utf8.count
        guard raw.count >= storedHeader, raw.prefix(header).elementsEqual(WordSet.storedMagic.utf8) else { return nil }
        func count(_ index: Int) -> Int {
            Int(truncatingIfNeeded: raw.loadUnaligned(fromByteOffset: header + 8 * index, as: UInt64.self))
        }
        let (byteCount, entryCount, slotCount) = (count(0), count(1), count(2))
        // Each count is at most the bytes there are before any arithmetic, so a damaged header cannot overflow it.
        guard (0...raw.count).contains(byteCount), (0...raw.count).contains(entryCount),
            (0...raw.count).contains(slotCount), entryCount < Int(Int32.max), slotCount >= 16,
            slotCount & (slotCount - 1) == 0, entryCount * 2 <= slotCount,
            raw.count == storedHeader + byteCount + 4 * (entryCount + slotCount)
        else { return nil }
        return (byteCount, entryCount, slotCount)
    }

    /// Names the stored form; a new layout takes a new one, so an old cache file is refused and rebuilt.
    static let storedMagic = "porchws1"
    /// The magic and the three counts.
    private static let storedHeader = storedMagic.utf8.count + 24

    // MARK: - The table

    /// The three parts of the table as bytes, wherever they are (the arrays, or a mapped file); ends and slots are
    /// read unaligned, as a file lays them out.
    private struct Table {
        let bytes: UnsafeRawBufferPointer
        let ends: UnsafeRawBufferPointer
        let slots: UnsafeRawBufferPointer

        var entryCount: Int { ends.count / 4 }
        var slotCount: Int { slots.count / 4 }

        @inline(__always)
        func end(_ index: Int) -> Int { Int(ends.loadUnaligned(fromByteOffset: 4 * index, as: Int32.self)) }

        @inline(__always)
        func slot(_ index: Int) -> Int { Int(slots.loadUnaligned(fromByteOffset: 4 * index, as: Int32.self)) }

        func entry(_ index: Int) -> String {
            let start = index == 0 ? 0 : end(index - 1)
            return String(decoding: bytes[start..<end(index)], as: UTF8.self)
        }

        func entryBytesEqual(_ index: Int, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
            let start = index == 0 ? 0 : end(index - 1)
            guard end(index) - start == word.count else { return false }
            var offset = 0
            while offset < word.count {
                if bytes[start + offset] != word[offset] { return false }
                offset += 1
            }
            return true
        }

        /// The slot holding `word`, or the empty slot where it would go.
        func slot(for word: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (index: Int, found: Bool) {
            let mask = slotCount - 1
            var index = Int(truncatingIfNeeded: hash) & mask
            while true {
                let held = slot(index)
                if held == 0 { return (index, false) }
                if entryBytesEqual(held - 1, word) { return (index, true) }
                index = (index + 1) & mask
            }
        }
    }

    /// Runs `body` on the table, in the arrays or in place in its file.
    private func withTable<Result>(_ body: (Table) -> Result) -> Result {
        if let mapped {
            let file = mapped.file.bytes
            return withExtendedLifetime(mapped.file) {
                body(
                    Table(
                        bytes: UnsafeRawBufferPointer(rebasing: file[mapped.bytes]),
                        ends: UnsafeRawBufferPointer(rebasing: file[mapped.ends..<mapped.ends + 4 * mapped.entryCount]),
                        slots: UnsafeRawBufferPointer(
                            rebasing: file[mapped.slots..<mapped.slots + 4 * mapped.slotCount])))
            }
        }
        return bytes.withUnsafeBytes { bytes in
            ends.withUnsafeBytes { ends in
                slots.withUnsafeBytes { slots in body(Table(bytes: bytes, ends: ends, slots: slots)) }
            }
        }
    }

    /// Copies a table read in place into the arrays, before it is changed.
    private mutating func ownTable() {
        guard mapped != nil else { return }
        let (ownBytes, ownEnds, ownSlots) = withTable { table in
            (
                Array(table.bytes), (0..<table.entryCount).map { Int32(table.end($0)) },
                (0..<table.slotCount).map { Int32(table.slot($0)) }
            )
        }
        (bytes, ends, slots) = (ownBytes, ownEnds, ownSlots)
        mapped = nil
    }

    /// The slot holding `word` in the arrays, or the empty slot where it would go.
    private func slot(for word: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (index: Int, found: Bool) {
        withTable { $0.slot(for: word, hash: hash) }
    }

    /// FNV-1a over the bytes.
    static func hash(_ word: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in word {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return hash ^ (hash >> 29)
    }

    private mutating func reserve(entries: Int, bytes count: Int) {
        ownTable()
        bytes.reserveCapacity(count)
        ends.reserveCapacity(entries)
        var size = slots.count
        while size < entries * 2 { size *= 2 }
        if size > slots.count { rehash(size) }
    }

    private mutating func rehash(_ size: Int) {
        slots = Array(repeating: 0, count: size)
        for index in ends.indices {
            let start = index == 0 ? 0 : Int(ends[index - 1])
            let hash = bytes[start..<Int(ends[index])].withUnsafeBufferPointer(WordSet.hash)
            var slot = Int(truncatingIfNeeded: hash) & (size - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (size - 1) }
            slots[slot] = Int32(index + 1)
        }
    }

    private mutating func insert(bytes word: UnsafeBufferPointer<UInt8>) {
        ownTable()
        let (index, found) = slot(for: word, hash: WordSet.hash(word))
        guard !found else { return }
        bytes.append(contentsOf: word)
        ends.append(Int32(bytes.count))
        slots[index] = Int32(ends.count)
        if ends.count * 2 > slots.count { rehash(slots.count * 2) }
    }

    /// Inserts a line of a list file, lower-cased (ASCII in place; anything else through `String`).
    private mutating func insert(lowerCasing line: UnsafeBufferPointer<UInt8>) {
        guard line.allSatisfy({ $0 < 0x80 }) else {
            insert(String(decoding: line, as: UTF8.self).lowercased())
            return
        }
        ownTable()
        // Written at the end of the buffer, where it stays if it is new.
        let start = bytes.count
        for byte in line { bytes.append(byte &- 65 < 26 ? byte + 32 : byte) }
        let (index, found) = bytes.withUnsafeBufferPointer { all in
            let word = UnsafeBufferPointer(rebasing: all[start...])
            return slot(for: word, hash: WordSet.hash(word))
        }
        guard !found else {
            bytes.removeLast(bytes.count - start)
            return
        }
        ends.append(Int32(bytes.count))
        slots[index] = Int32(ends.count)
        if ends.count * 2 > slots.count { rehash(slots.count * 2) }
    }
}
