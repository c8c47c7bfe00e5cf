/// Finds which of many words occur in a text in one pass (Aho–Corasick over ASCII-lower-cased bytes),
/// so a rule whose required words are all absent is never run on a post.
///
/// Words with characters outside ASCII ("не дышит", "labios morados", "오늘 밤") get an automaton of their own,
/// run only over texts that hold a byte outside ASCII, and over the text with every letter folded to one case
/// (`fold`), as the words are: a post in plain ASCII never pays for them.
final class KeywordScanner: Sendable {
    /// The words, by id.
    let keywords: [String]
    /// The automaton of the words written in ASCII, read over the text's bytes.
    private let ascii: Automaton
    /// The automaton of the words with other characters (nil: there are none), read over the folded text.
    private let foreign: Automaton?

    /// Class 0 (bytes outside the alphabet), 26 letters, digits, whitespace and the 8 punctuation marks below.
    private static let asciiClassCount = 37

    /// The byte classes: letters fold to lower case; bytes outside the alphabet are class 0.
    static let asciiClasses: [UInt8] = {
        var classes = [UInt8](repeating: 0, count: 256)
        var next: UInt8 = 1
        for byte in UInt8(ascii: "a")...UInt8(ascii: "z") {
            classes[Int(byte)] = next
            classes[Int(byte) - 32] = next
            next += 1
        }
        // One class for every digit: a word with digits is found wherever the same shape of digits is, a few
        // more places than it needs to be, never fewer.
        for byte in UInt8(ascii: "0")...UInt8(ascii: "9") { classes[Int(byte)] = next }
        next += 1
        for byte in Array(" '-.@/_:&".utf8) {
            classes[Int(byte)] = next
            next += 1
        }
        // Every ASCII whitespace character reads as a space (and a run of them as one: see `scan`).
        for byte in Array("\t\n\u{0B}\u{0C}\r".utf8) { classes[Int(byte)] = classes[Int(UInt8(ascii: " "))] }
        precondition(Int(next) == asciiClassCount, "KeywordScanner.asciiClassCount must count every byte class")
        return classes
    }()

    /// The class of a space, and of every other ASCII whitespace character.
    static let spaceClass = asciiClasses[Int(UInt8(ascii: " "))]

    /// True for ASCII bytes a keyword may contain (after lower-casing).
    static func isKeywordByte(_ byte: UInt8) -> Bool { asciiClasses[Int(byte)] != 0 }

    init(keywords: [String]) {
        self.keywords = keywords
        let words = keywords.map { KeywordScanner.collapsingWhitespace($0.utf8) }
        let isForeign = words.map { $0.contains { $0 >= 0x80 } }
        ascii = Automaton(
            words: words.indices.filter { !isForeign[$0] }.map { (words[$0], Int32($0)) },
            classes: KeywordScanner.asciiClasses, classCount: KeywordScanner.asciiClassCount)
        let foreignWords = words.indices.filter { isForeign[$0] }.map { (words[$0], Int32($0)) }
        if foreignWords.isEmpty {
            foreign = nil
        } else {
            // A class of its own for every byte outside ASCII that a word holds; other such bytes are class 0.
            var classes = KeywordScanner.asciiClasses
            var count = KeywordScanner.asciiClassCount
            for byte in Set(foreignWords.flatMap { $0.0 }).filter({ $0 >= 0x80 }).sorted() {
                classes[Int(byte)] = UInt8(count)
                count += 1
            }
            foreign = Automaton(words: foreignWords, classes: classes, classCount: count)
        }
    }

    /// A keyword as the scanner reads text: each run of whitespace as one space.
    static func collapsingWhitespace(_ bytes: String.UTF8View) -> [UInt8] {
        var result: [UInt8] = []
        for byte in bytes {
            if asciiClasses[Int(byte)] == spaceClass, let last = result.last, asciiClasses[Int(last)] == spaceClass {
                continue
            }
            result.append(byte)
        }
        return result
    }

    /// A character as the scanner compares it: outside ASCII, the lower case of its upper case when each is one
    /// character (so "Σ", "σ" and "ς" are all "σ", "Д" is "д", the long s is "s"), else its lower case when that is
    /// one character; itself otherwise. PCRE2
    /// matches a caseless letter in any of its cases, and every case of a letter folds to the same character
    /// here, so a word folded this way is found in a text folded this way wherever the pattern could match.
    /// ASCII letters are folded by the scanner's classes, not here.
    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        guard !scalar.isASCII else { return scalar }
        if scalar.value < tableEnd { return Unicode.Scalar(foldTable[Int(scalar.value)])! }
        return foldByMappings(scalar)
    }

    /// The scripts most posts outside ASCII are in (Latin with its accents, Greek, Cyrillic, Vietnamese), folded once
    /// per process: reading the rules folds their lists' characters hundreds of thousands of times.
    private static let tableEnd: UInt32 = 0x2000
    private static let foldTable: [UInt32] = (0..<tableEnd).map { value in
        Unicode.Scalar(value).map { foldByMappings($0).value } ?? value
    }

    private static func foldByMappings(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        guard !scalar.isASCII, scalar.properties.changesWhenCaseMapped else { return scalar }
        func single(_ text: String) -> Unicode.Scalar? {
            let scalars = text.unicodeScalars
            return scalars.count == 1 ? scalars.first : nil
        }
        // A letter whose upper case is two letters ("ᾳ" is "ΑΙ") folds by its lower case alone ("ᾼ" is "ᾳ").
        if let upper = single(scalar.properties.uppercaseMapping),
            let folded = single(upper.properties.lowercaseMapping)
        {
            return folded
        }
        return single(scalar.properties.lowercaseMapping) ?? scalar
    }

    /// `bytes` with every character outside ASCII folded (`fold`); nil when the text is all ASCII.
    static func folded(_ bytes: [UInt8]) -> [UInt8]? {
        guard let first = bytes.firstIndex(where: { $0 >= 0x80 }) else { return nil }
        var result = Array(bytes[..<first])
        result.reserveCapacity(bytes.count)
        // The text is valid UTF-8 (it came from a Swift string); a damaged sequence is kept as it is.
        var iterator = bytes[first...].makeIterator()
        var decoder = UTF8()
        while case .scalarValue(let scalar) = decoder.decode(&iterator) {
            if scalar.isASCII {
                result.append(UInt8(scalar.value))
            } else {
                UTF8.encode(fold(scalar)) { result.append($0) }
            }
        }
        return result
    }

    /// The length of the UTF-8 sequence at `index` when it is a space outside ASCII that PCRE2's `\s` matches
    /// with Unicode classes (`\h` and `\v`: U+0085, U+00A0, U+1680, U+180E, U+2000–U+200A, U+2028, U+2029,
    /// U+202F, U+205F, U+3000); nil for anything else. Reading more characters as spaces than `\s` matches
    /// only lets a rule run more often, never less.
    @inline(__always)
    static func unicodeSpaceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        func byte(_ offset: Int) -> UInt8 { index + offset < bytes.count ? bytes[index + offset] : 0 }
        switch byte(0) {
        case 0xC2: return byte(1) == 0x85 || byte(1) == 0xA0 ? 2 : nil
        case 0xE1: return (byte(1) == 0x9A && byte(2) == 0x80) || (byte(1) == 0xA0 && byte(2) == 0x8E) ? 3 : nil
        case 0xE2:
            if byte(1) == 0x80 {
                let last = byte(2)
                return (0x80...0x8A).contains(last) || last == 0xA8 || last == 0xA9 || last == 0xAF ? 3 : nil
            }
            return byte(1) == 0x81 && byte(2) == 0x9F ? 3 : nil
        case 0xE3: return byte(1) == 0x80 && byte(2) == 0x80 ? 3 : nil
        default: return nil
        }
    }

    /// The ids of the keywords that occur in `bytes`: read folded when it holds a character outside ASCII (an
    /// ASCII word found in the text is in its folded form too, and so is a caseless match of it such as "ſ" for "s").
    func scan(_ bytes: [UInt8]) -> KeywordHits {
        var hits = KeywordHits(count: keywords.count)
        if let folded = KeywordScanner.folded(bytes) {
            ascii.scan(folded, into: &hits)
            foreign?.scan(folded, into: &hits)
        } else {
            ascii.scan(bytes, into: &hits)
        }
        return hits
    }

    /// One Aho–Corasick automaton over byte classes.
    private struct Automaton: Sendable {
        /// The class of every byte.
        let classes: [UInt8]
        let classCount: Int
        /// Transitions: `table[state * classCount + class]`, the sign bit set on a transition into a state that
        /// ends a word. Two bytes an entry when the states fit (a smaller table stays in the processor's caches:
        /// every byte of a post waits for its entry).
        private let table: Table

        private enum Table {
            case narrow([UInt16])
            case wide([Int32])
        }
        /// For each state, where its found word ids start in `outputIDs` (one more entry than states).
        private let outputOffsets: [Int32]
        /// The ids of the words that end at each state (through failure links too), state after state.
        private let outputIDs: [Int32]

        init(words: [(bytes: [UInt8], id: Int32)], classes: [UInt8], classCount count: Int) {
            self.classes = classes
            self.classCount = count
            var table = [Int32](repeating: -1, count: count)
            // At most one state per byte of every word, and the root.
            table.reserveCapacity((words.reduce(0) { $0 + $1.bytes.count } + 1) * count)
            var outputs: [[Int32]] = [[]]
            // The trie.
            for (word, id) in words {
                var state = 0
                for byte in word {
                    let slot = state * count + Int(classes[Int(byte)])
                    if table[slot] < 0 {
                        table[slot] = Int32(outputs.count)
                        outputs.append([])
                        table.append(contentsOf: repeatElement(-1, count: count))
                    }
                    state = Int(table[slot])
                }
                outputs[state].append(id)
            }
            // Failure links, breadth first, folded into a complete transition table.
            let states = outputs.count
            var failure = [Int](repeating: 0, count: states)
            var order: [Int] = []
            order.reserveCapacity(states)
            table.withUnsafeMutableBufferPointer { table in
                for symbol in 0..<count {
                    if table[symbol] < 0 {
                        table[symbol] = 0
                    } else {
                        order.append(Int(table[symbol]))
                    }
                }
                var head = 0
                while head < order.count {
                    let state = order[head]
                    head += 1
                    let row = state * count
                    let fallbackRow = failure[state] * count
                    for symbol in 0..<count {
                        let target = table[row + symbol]
                        let fallback = table[fallbackRow + symbol]
                        if target < 0 {
                            table[row + symbol] = fallback
                        } else {
                            failure[Int(target)] = Int(fallback)
                            order.append(Int(target))
                        }
                    }
                }
                // A run of whitespace reads as one space: a second space leaves the state the first one led to.
                // (Keywords have no two spaces in a row, so no word goes on from such a state with a space.)
                let space = Int(KeywordScanner.spaceClass)
                for state in 0..<states {
                    let target = Int(table[state * count + space])
                    table[target * count + space] = Int32(target)
                }
            }
            // Each state's words, with those of the states its failure links lead to (shorter ones first in
            // breadth-first order, so theirs are complete when a state takes them).
            for state in order where !outputs[failure[state]].isEmpty { outputs[state] += outputs[failure[state]] }
            // Mark transitions into states that end a word (the sign bit), so the scan loop touches the output
            // lists only there.
            let ends = outputs.map { !$0.isEmpty }
            table.withUnsafeMutableBufferPointer { table in
                for slot in table.indices where ends[Int(table[slot])] { table[slot] |= Int32.min }
            }
            self.table =
                states <= Int(Int16.max)
                ? .narrow(table.map { UInt16($0 & Int32.max) | ($0 < 0 ? 0x8000 : 0) }) : .wide(table)
            var offsets: [Int32] = [0]
            var ids: [Int32] = []
            for found in outputs {
                ids += found
                offsets.append(Int32(ids.count))
            }
            outputOffsets = offsets
            outputIDs = ids
        }

        /// Adds the ids of the words that occur in `bytes` to `hits`.
        func scan(_ bytes: [UInt8], into hits: inout KeywordHits) {
            switch table {
            case .narrow(let table):
                table.withUnsafeBufferPointer { scan(bytes, $0, into: &hits) { (Int($0 & 0x7FFF), $0 & 0x8000 != 0) } }
            case .wide(let table):
                table.withUnsafeBufferPointer { scan(bytes, $0, into: &hits) { (Int($0 & Int32.max), $0 < 0) } }
            }
        }

        @inline(__always)
        private func scan<Entry>(
            _ bytes: [UInt8], _ table: UnsafeBufferPointer<Entry>, into hits: inout KeywordHits,
            _ decode: (Entry) -> (state: Int, endsWord: Bool)
        ) {
            let count = classCount
            classes.withUnsafeBufferPointer { classes in
                outputOffsets.withUnsafeBufferPointer { offsets in
                    bytes.withUnsafeBufferPointer { bytes in
                        var state = 0
                        var position = 0
                        while position < bytes.count {
                            let byte = bytes[position]
                            var symbol = classes[Int(byte)]
                            position += 1
                            if byte >= 0xC2, let length = KeywordScanner.unicodeSpaceLength(bytes, at: position - 1) {
                                symbol = KeywordScanner.spaceClass
                                position += length - 1
                            }
                            let (next, endsWord) = decode(table[state &* count &+ Int(symbol)])
                            state = next
                            if endsWord {
                                for index in Int(offsets[state])..<Int(offsets[state &+ 1]) {
                                    hits.insert(Int(outputIDs[index]))
                                }
                            }
                        }
                    }
                }
            }
        }
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

    /// True when the text passes a gate (`LiteralGate` as ids): for some alternative, a word of each of its sets
    /// was found.
    func satisfies(_ gate: [[[Int32]]]) -> Bool {
        gate.contains { sets in sets.allSatisfy(containsAny) }
    }

    /// The union of two scans (a text and its folded view).
    func union(_ other: KeywordHits) -> KeywordHits {
        var result = self
        for index in words.indices { result.words[index] |= other.words[index] }
        return result
    }
}
