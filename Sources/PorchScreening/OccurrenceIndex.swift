/// Every whole-word occurrence of many values in one text, found in one pass: what lets the scrubber look for
/// each found value again in time linear in the post, however many values a post holds.
///
/// An occurrence stands as a whole word where the value starts (or ends) with a word element (`isWord`), as the
/// scrubber's search for repeats requires.
struct OccurrenceIndex<Element: Hashable> {
    private var positions: [ArraySlice<Element>: [Int]] = [:]

    init(of values: [ArraySlice<Element>], in elements: [Element], isWord: (Element) -> Bool) {
        var wanted: Set<ArraySlice<Element>> = []
        var lengthsByFirst: [Element: Set<Int>] = [:]
        for value in values where !value.isEmpty {
            wanted.insert(value)
            lengthsByFirst[value.first!, default: []].insert(value.count)
        }
        guard !wanted.isEmpty else { return }
        let count = elements.count
        for start in 0..<count {
            guard let lengths = lengthsByFirst[elements[start]] else { continue }
            let first = elements[start]
            if start > 0, isWord(first), isWord(elements[start - 1]) { continue }
            for length in lengths where start + length <= count {
                let end = start + length
                let last = elements[end - 1]
                if end < count, isWord(last), isWord(elements[end]) { continue }
                let candidate = elements[start..<end]
                if wanted.contains(candidate) { positions[candidate, default: []].append(start) }
            }
        }
    }

    /// The occurrences of `value`, left to right and without overlaps, that `accept` takes.
    func occurrences(of value: ArraySlice<Element>, accept: (Range<Int>) -> Bool) -> [Range<Int>] {
        var hits: [Range<Int>] = []
        var next = 0
        for start in positions[value] ?? [] where start >= next {
            let hit = start..<(start + value.count)
            guard accept(hit) else { continue }
            hits.append(hit)
            next = hit.upperBound
        }
        return hits
    }
}

/// A set of ranges asked, in logarithmic time, whether one of them contains or overlaps a given range.
struct RangeIndex {
    /// The ranges by lower bound, and for each the highest upper bound up to it.
    private let lowers: [Int]
    private let highestUpper: [Int]

    init(_ ranges: [Range<Int>]) {
        let sorted = ranges.filter { !$0.isEmpty }.sorted { $0.lowerBound < $1.lowerBound }
        lowers = sorted.map(\.lowerBound)
        var highest = Int.min
        highestUpper = sorted.map { range in
            highest = max(highest, range.upperBound)
            return highest
        }
    }

    /// The number of ranges whose lower bound is at most `bound` (or below it, when `strictly`).
    private func countStarting(atMost bound: Int, strictly: Bool) -> Int {
        var low = 0
        var high = lowers.count
        while low < high {
            let middle = (low + high) / 2
            if strictly ? lowers[middle] < bound : lowers[middle] <= bound { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// True when some range holds all of `range` (an empty `range` is held by any range).
    func anyContains(_ range: Range<Int>) -> Bool {
        if range.isEmpty { return !lowers.isEmpty }
        let count = countStarting(atMost: range.lowerBound, strictly: false)
        return count > 0 && highestUpper[count - 1] >= range.upperBound
    }

    /// True when some range shares an element with `range`.
    func anyOverlaps(_ range: Range<Int>) -> Bool {
        guard !range.isEmpty else { return false }
        let count = countStarting(atMost: range.upperBound, strictly: true)
        return count > 0 && highestUpper[count - 1] > range.lowerBound
    }
}
