/// A post's model features (exactly those of `ModelFeatures`), each once, as 64-bit FNV-1a hashes of their
/// names: what the models score with, without building a string per feature.
public struct HashedFeatures: Sendable {
    /// The distinct word and word-pair features.
    public private(set) var words: [UInt64] = []
    /// The distinct character n-gram features.
    public private(set) var chars: [UInt64] = []

    /// The value of each word feature: 1/√(distinct word features).
    public var wordValue: Double { words.isEmpty ? 0 : 1 / Double(words.count).squareRoot() }
    /// The value of each character feature: 1/√(distinct character features).
    public var charValue: Double { chars.isEmpty ? 0 : 1 / Double(chars.count).squareRoot() }

    public init(_ text: String) {
        var wordSet = HashSet64()
        var charSet = HashSet64()
        var word: [UInt8] = []
        var starts: [Int] = []  // byte offset of each scalar of `word`
        var previous: UInt64?  // the hash state after "w:" + the previous word
        let wordPrefix = FNV.feed(FNV.basis, "w:")
        let charPrefix = FNV.feed(FNV.basis, "c:")

        func finishWord() {
            guard !word.isEmpty else { return }
            let state = FNV.feed(wordPrefix, word)
            wordSet.insert(state)
            if let previous { wordSet.insert(FNV.feed(FNV.feed(previous, 0x20), word)) }
            previous = state
            // " " + word + " ", by scalars.
            var padded: [UInt8] = [0x20]
            padded.append(contentsOf: word)
            padded.append(0x20)
            var offsets = [0]
            for start in starts { offsets.append(start + 1) }
            offsets.append(word.count + 1)
            offsets.append(word.count + 2)
            let scalars = offsets.count - 1
            for size in 3...5 where scalars >= size {
                for first in 0...(scalars - size) {
                    var state = charPrefix
                    for index in offsets[first]..<offsets[first + size] { state = FNV.feed(state, padded[index]) }
                    charSet.insert(state)
                }
            }
            word.removeAll(keepingCapacity: true)
            starts.removeAll(keepingCapacity: true)
        }

        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let value = UInt8(scalar.value)
                if (value | 0x20) &- 0x61 < 26 || value &- 0x30 < 10 || value == 0x2A {
                    starts.append(word.count)
                    word.append(value >= 65 && value <= 90 ? value + 32 : value)
                } else if value != 0x27 {
                    finishWord()
                }
                continue
            }
            let category = scalar.properties.generalCategory
            if category == .format || scalar == "\u{2019}" { continue }
            if ModelFeatures.extendsWord(scalar, category) {
                for lower in scalar.properties.lowercaseMapping.unicodeScalars {
                    starts.append(word.count)
                    word.append(contentsOf: String(lower).utf8)
                }
                continue
            }
            finishWord()
            if category == .otherSymbol {
                word.append(contentsOf: String(scalar).utf8)
                starts.append(0)
                finishWord()
            }
        }
        finishWord()
        words = wordSet.elements
        chars = charSet.elements
    }
}

/// 64-bit FNV-1a: the hash the models key their features by.
enum FNV {
    static let basis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x100_0000_01b3

    @inline(__always)
    static func feed(_ state: UInt64, _ byte: UInt8) -> UInt64 { (state ^ UInt64(byte)) &* prime }

    static func feed(_ state: UInt64, _ bytes: [UInt8]) -> UInt64 {
        var state = state
        for byte in bytes { state = feed(state, byte) }
        return state
    }

    static func feed(_ state: UInt64, _ text: String) -> UInt64 {
        var state = state
        for byte in text.utf8 { state = feed(state, byte) }
        return state
    }

    /// The hash of a feature's name, never 0 (0 marks an empty slot in the tables).
    static func key(_ state: UInt64) -> UInt64 { state == 0 ? 1 : state }

    static func hash(_ feature: String) -> UInt64 { key(feed(basis, feature)) }
}

/// A set of feature hashes (open addressing), for counting each feature once.
struct HashSet64 {
    private var slots = [UInt64](repeating: 0, count: 256)
    private(set) var elements: [UInt64] = []

    mutating func insert(_ hash: UInt64) {
        let key = FNV.key(hash)
        if (elements.count + 1) * 2 > slots.count { grow() }
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: key >> 7) & mask
        while true {
            let slot = slots[index]
            if slot == key { return }
            if slot == 0 {
                slots[index] = key
                elements.append(key)
                return
            }
            index = (index + 1) & mask
        }
    }

    private mutating func grow() {
        slots = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for key in elements {
            var index = Int(truncatingIfNeeded: key >> 7) & mask
            while slots[index] != 0 { index = (index + 1) & mask }
            slots[index] = key
        }
    }
}

/// Feature hashes to row numbers (open addressing), built once when a weights file is read.
struct FeatureTable: Sendable {
    private var keys: [UInt64]
    private var rows: [Int32]

    init(_ hashes: [UInt64]) {
        var size = 16
        while size < hashes.count * 2 { size *= 2 }
        keys = [UInt64](repeating: 0, count: size)
        rows = [Int32](repeating: -1, count: size)
        let mask = size - 1
        for (row, key) in hashes.enumerated() where key != 0 {
            var index = Int(truncatingIfNeeded: key >> 7) & mask
            while keys[index] != 0 && keys[index] != key { index = (index + 1) & mask }
            keys[index] = key
            rows[index] = Int32(row)
        }
    }

    /// The hashes of rows `0..<count`, as the table finds them (`WeightsFile.encoded` keeps these, not the slots):
    /// 0, which no hash is (`FNV.key`), for a row the table does not find, as when a later row has the same hash.
    func hashes(rows count: Int) -> [UInt64] {
        var hashes = [UInt64](repeating: 0, count: count)
        for (key, row) in zip(keys, rows) where key != 0 && row >= 0 && Int(row) < count { hashes[Int(row)] = key }
        return hashes
    }

    /// The row of a feature hash (from `FNV.key`), or nil.
    @inline(__always)
    func row(_ key: UInt64) -> Int? {
        let mask = keys.count - 1
        var index = Int(truncatingIfNeeded: key >> 7) & mask
        while true {
            let slot = keys[index]
            if slot == key { return Int(rows[index]) }
            if slot == 0 { return nil }
            index = (index + 1) & mask
        }
    }
}
