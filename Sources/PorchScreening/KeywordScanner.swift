/// Finds which of many words occur in a text in one pass (Aho–Corasick over ASCII-lower-cased bytes),
/// so a rule whose required words are all absent is never run on a post.
final class KeywordScanner: Sendable {
    /// The words, by id.
    let keywords: [String]
    /// Transitions: `table[state * classCount + class]`.
    private let table: [Int32]
    /// For each state, where its found word ids start in `outputIDs` (one more entry than states).
    private let outputOffsets: [Int32]
    /// The ids of the words that end at each state (through failure links too), state after state.
    private let outputIDs: [Int32]
    /// Class 0 (bytes outside the alphabet), 26 letters, 10 digits and the 8 punctuation marks below.
    private static let classCount = 45

    /// The byte classes: letters fold to lower case; bytes outside the alphabet are class 0.
    private static let classes: [UInt8] = {
        var classes = [UInt8](repeating: 0, count: 256)
        var next: UInt8 = 1
        for byte in UInt8(ascii: "a")...UInt8(ascii: "z") {
            classes[Int(byte)] = next
            classes[Int(byte) - 32] = next
            next += 1
        }
        for byte in UInt8(ascii: "0")...UInt8(ascii: "9") {
            classes[Int(byte)] = next
            next += 1
        }
        for byte in Array(" '-.@/_:".utf8) {
            classes[Int(byte)] = next
            next += 1
        }
        precondition(Int(next) == classCount, "KeywordScanner.classCount must count every byte class")
        return classes
    }()

    /// True for bytes a keyword may contain (after lower-casing).
    static func isKeywordByte(_ byte: UInt8) -> Bool { classes[Int(byte)] != 0 }

    init(keywords: [String]) {
        self.keywords = keywords
        let count = KeywordScanner.classCount
        var table = [Int32](repeating: -1, count: count)
        var outputs: [[Int32]] = [[]]
        // The trie.
        for (id, keyword) in keywords.enumerated() {
            var state = 0
            for byte in keyword.utf8 {
                let slot = state * count + Int(KeywordScanner.classes[Int(byte)])
                if table[slot] < 0 {
                    table[slot] = Int32(outputs.count)
                    outputs.append([])
                    table += [Int32](repeating: -1, count: count)
                }
                state = Int(table[slot])
            }
            outputs[state].append(Int32(id))
        }
        // Failure links, breadth first, folded into a complete transition table.
        var failure = [Int](repeating: 0, count: outputs.count)
        var queue: [Int] = []
        for symbol in 0..<count {
            if table[symbol] < 0 {
                table[symbol] = 0
            } else {
                queue.append(Int(table[symbol]))
            }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            outputs[state] += outputs[failure[state]]
            for symbol in 0..<count {
                let slot = state * count + symbol
                let target = table[slot]
                let fallback = table[failure[state] * count + symbol]
                if target < 0 {
                    table[slot] = fallback
                } else {
                    failure[Int(target)] = Int(fallback)
                    queue.append(Int(target))
                }
            }
        }
        // Mark transitions into states that end a word (the sign bit), so the scan loop touches the output
        // lists only there.
        for slot in table.indices where !outputs[Int(table[slot])].isEmpty { table[slot] |= Int32.min }
        self.table = table
        var offsets: [Int32] = [0]
        var ids: [Int32] = []
        for found in outputs {
            ids += found
            offsets.append(Int32(ids.count))
        }
        outputOffsets = offsets
        outputIDs = ids
    }

    /// The ids of the keywords that occur in `bytes`.
    func scan(_ bytes: [UInt8]) -> KeywordHits {
        var hits = KeywordHits(count: keywords.count)
        let count = KeywordScanner.classCount
        table.withUnsafeBufferPointer { table in
            KeywordScanner.classes.withUnsafeBufferPointer { classes in
                outputOffsets.withUnsafeBufferPointer { offsets in
                    bytes.withUnsafeBufferPointer { bytes in
                        var state = 0
                        for byte in bytes {
                            let next = table[state &* count &+ Int(classes[Int(byte)])]
                            state = Int(next & Int32.max)
                            if next < 0 {
                                for index in Int(offsets[state])..<Int(offsets[state &+ 1]) {
                                    hits.insert(Int(outputIDs[index]))
                                }
                            }
                        }
                    }
                }
            }
        }
        return hits
    }
}

/// The keywords found in one text, as a bit set of ids.
public struct KeywordHits: Sendable {
    private var words: [UInt64]

    init(count: Int) { words = [UInt64](repeating: 0, count: (count + 63) / 64) }

    mutating func insert(_ id: Int) { words[id >> 6] |= 1 << UInt64(id & 63) }

    func contains(_ id: Int32) -> Bool { words[Int(id) >> 6] & (1 << UInt64(id & 63)) != 0 }

    /// True when any of `ids` was found.
    func containsAny(_ ids: [Int32]) -> Bool { ids.contains { contains($0) } }

    /// The union of two scans (a text and its folded view).
    func union(_ other: KeywordHits) -> KeywordHits {
        var result = self
        for index in words.indices { result.words[index] |= other.words[index] }
        return result
    }
}
