import Foundation
import PCRE2

/// Folds the ways people write around filters into one form the rules can match, keeping offsets.
///
/// Steps, per Unicode scalar: compatibility forms to their plain equivalent (NFKC: full-width letters and
/// digits, ligatures, circled and superscript digits, non-breaking spaces); any decimal digit to ASCII;
/// tag characters to the ASCII they spell; zero-width and other invisible format characters removed; Cyrillic and Greek look-alike letters to
/// Latin inside words that also hold Latin letters or digits; curly quotes and dashes to ASCII. Then runs
/// of four or more digit words and digit groups with at least one word ("five five five, 0142") become bare digits. Letter case is kept: names
/// rely on it.
public struct Normalizer: Sendable {
    private let digitWords: Regex

    static let wordDigits: [String: Unicode.Scalar] = [
        "zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
        "seven": "7", "eight": "8", "nine": "9",
    ]

    /// Spoken repeats: "double seven" is 77, "triple five" 555.
    static let repeats: [String: Int] = ["double": 2, "triple": 3]

    public init() {
        let word = "(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)"
        // "double seven", "triple five": the spoken repeats (`Normalizer.repeats`) of a digit word.
        let token = "(?:(?:double|triple)\\s+\(word)|\(word)|[0-9]{1,4})"
        // swiftlint:disable:next force_try
        digitWords = try! RulePlan.compile(
            "\\b\(token)(?:[\\s,.\\-]{1,3}\(token)){3,}\\b", options: .caseless)
    }

    public func normalize(_ text: String, using matcher: Matcher) -> NormalizedText {
        var scalars: [Unicode.Scalar] = []
        var origins: [Range<Int32>] = []
        var changed = false
        let isASCII = Normalizer.isASCII(text)
        // Plain ASCII needs no per-scalar folding: the scalars are only built when something changes.
        var input: [Unicode.Scalar] = []

        if !isASCII {
            input = Array(text.unicodeScalars)
            scalars.reserveCapacity(input.count)
            origins.reserveCapacity(input.count)
            let latinWord = Normalizer.wordsWithLatin(input)
            for (index, scalar) in input.enumerated() {
                let origin = Int32(index)..<Int32(index + 1)
                if scalar.isASCII {
                    scalars.append(scalar)
                    origins.append(origin)
                    continue
                }
                changed = true
                if DigitEvasions.isMarkOnDigit(scalar, after: scalars.last) {
                    origins[origins.count - 1] = origins[origins.count - 1].lowerBound..<origin.upperBound
                    continue
                }
                for folded in Normalizer.fold(scalar, inLatinWord: latinWord[index]) {
                    scalars.append(folded)
                    origins.append(origin)
                }
            }
            if !changed {
                scalars = []
                origins = []
            }
        }

        changed = Normalizer.undoEvasions(text, isASCII: isASCII, input: input, &scalars, &origins) || changed

        // Spelled-out digits, matched on the text folded so far.
        let folded =
            changed
            ? NormalizedText(original: text, normalizedScalars: scalars, origins: origins)
            : NormalizedText(original: text, normalizedScalars: nil, origins: [])
        let runs: [Match]
        do {
            runs = try matcher.matches(of: digitWords, in: folded.subject)
        } catch {
            // Fail closed: a post the normalizer cannot finish is held, never scrubbed half-way.
            var held = folded
            held.hold = HoldReason(lane: "pii", rule: "normalizer.digit-words", message: error.description)
            return held
        }
        // Only a run with a digit word changes anything, and digit words are ASCII letters.
        let bytes = folded.subject.bytes
        guard runs.contains(where: { bytes[$0.range].contains(where: \.isASCIILetter) }) else {
            return folded
        }

        if !changed {
            scalars = isASCII ? text.utf8.map { Unicode.Scalar($0) } : input
            origins = (0..<scalars.count).map { Int32($0)..<Int32($0 + 1) }
        }
        // Rewrite each run as bare digits, right to left so earlier offsets stay valid: digit words become
        // digits, digit groups stay, separators go ("253 three one eight, 9025" -> "2533189025"). A run
        // without any digit word is left alone, and so is a number in digits with one digit word at its end and a
        // word after it ("called 1-866-277-3553 one night", "Lifeline 13 11 14 one time": a number and a word;
        // "0412 345 67 eight." is spelled). Each digit keeps the origin of the word or digit it came from.
        var rewrote = false
        for run in runs.reversed() {
            let runScalars = folded.subject.scalarRange(run.range)
            var digits: [Unicode.Scalar] = []
            var digitOrigins: [Range<Int32>] = []
            // Tokens of the run: digit groups, and digit words ("double seven" is one).
            var tokens = 0
            var spokenTokens = 0
            var lastWasSpoken = false
            var repeatNext = 1
            var repeatStart: Int32 = 0
            var index = runScalars.lowerBound
            while index < runScalars.upperBound {
                let scalar = scalars[index]
                if ("0"..."9").contains(scalar) {
                    if index == runScalars.lowerBound || !("0"..."9").contains(scalars[index - 1]) {
                        tokens += 1
                        lastWasSpoken = false
                    }
                    digits.append(scalar)
                    digitOrigins.append(origins[index])
                    index += 1
                } else if scalar.properties.isAlphabetic {
                    var end = index
                    while end < runScalars.upperBound, scalars[end].properties.isAlphabetic { end += 1 }
                    let word = String(String.UnicodeScalarView(scalars[index..<end])).lowercased()
                    if let times = Normalizer.repeats[word] {
                        repeatNext = times
                        repeatStart = origins[index].lowerBound
                    } else if let digit = Normalizer.wordDigits[word] {
                        tokens += 1
                        spokenTokens += 1
                        lastWasSpoken = true
                        let start = repeatNext > 1 ? repeatStart : origins[index].lowerBound
                        for _ in 0..<repeatNext {
                            digits.append(digit)
                            digitOrigins.append(start..<origins[end - 1].upperBound)
                        }
                        repeatNext = 1
                    }
                    index = end
                } else {
                    index += 1
                }
            }
            guard spokenTokens > 0 else { continue }
            let oneWordAtTheEnd = spokenTokens == 1 && tokens > 1 && lastWasSpoken
            if oneWordAtTheEnd, Normalizer.wordFollows(runScalars.upperBound, in: scalars) { continue }
            rewrote = true
            scalars.replaceSubrange(runScalars, with: digits)
            origins.replaceSubrange(runScalars, with: digitOrigins)
        }
        guard rewrote else { return folded }
        return NormalizedText(original: text, normalizedScalars: scalars, origins: origins)
    }

    /// Whether a word follows `position` after spaces ("3553 one night"; not "3553 one." or "3553 one").
    static func wordFollows(_ position: Int, in scalars: [Unicode.Scalar]) -> Bool {
        var index = position
        while index < scalars.count, scalars[index] == " " { index += 1 }
        return index > position && index < scalars.count && scalars[index].properties.isAlphabetic
    }

    /// Undoes the deliberate evasions of `DigitEvasions` (O for zero, spaced-out addresses) on the scalars
    /// folded so far (empty: the text as given); true when it changed them.
    static func undoEvasions(
        _ text: String, isASCII: Bool, input: [Unicode.Scalar], _ scalars: inout [Unicode.Scalar],
        _ origins: inout [Range<Int32>]
    ) -> Bool {
        let untouched = scalars.isEmpty
        let bytes =
            untouched && isASCII
            ? Array(text.utf8) : (untouched ? input : scalars).map { $0.isASCII ? UInt8($0.value) : UInt8(ascii: "?") }
        guard DigitEvasions.mayApply(bytes) else { return false }
        var folded = untouched ? (isASCII ? text.utf8.map { Unicode.Scalar($0) } : input) : scalars
        var foldedOrigins = untouched ? (0..<folded.count).map { Int32($0)..<Int32($0 + 1) } : origins
        guard DigitEvasions.fold(&folded, &foldedOrigins) else { return false }
        scalars = folded
        origins = foldedOrigins
        return true
    }

    /// True when every byte of the text is ASCII, eight bytes at a time.
    static func isASCII(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var index = 0
            if let base = bytes.baseAddress {
                while index + 8 <= bytes.count {
                    if UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 != 0 {
                        return false
                    }
                    index += 8
                }
            }
            while index < bytes.count {
                if bytes[index] >= 0x80 { return false }
                index += 1
            }
            return true
        }
    }

    /// For each scalar, whether it sits in a word that also contains an ASCII letter or digit.
    static func wordsWithLatin(_ input: [Unicode.Scalar]) -> [Bool] {
        var result = [Bool](repeating: false, count: input.count)
        var start = 0
        while start < input.count {
            guard isWordScalar(input[start]) else {
                start += 1
                continue
            }
            var end = start
            var hasLatin = false
            while end < input.count, isWordScalar(input[end]) {
                if input[end].isASCII, input[end].properties.isAlphabetic || ("0"..."9").contains(input[end]) {
                    hasLatin = true
                }
                end += 1
            }
            if hasLatin { for index in start..<end { result[index] = true } }
            start = end
        }
        return result
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "@" || scalar == "."
            || scalar == "_" || scalar.properties.generalCategory == .format
    }

    /// The folded form of one non-ASCII scalar: nothing for invisible characters, else one or more scalars.
    static func fold(_ scalar: Unicode.Scalar, inLatinWord: Bool) -> [Unicode.Scalar] {
        let properties = scalar.properties
        // Tag characters spell ASCII invisibly: the lanes read what they spell.
        if (0xE0020...0xE007E).contains(scalar.value), let ascii = Unicode.Scalar(scalar.value - 0xE0000) {
            return [ascii]
        }
        if properties.generalCategory == .format || properties.isVariationSelector || scalar == "\u{034F}" {
            return []
        }
        if let ascii = punctuation[scalar] { return [ascii] }
        if inLatinWord, let latin = confusables[scalar] { return [latin] }
        if properties.numericType == .decimal, let value = properties.numericValue, (0...9).contains(Int(value)) {
            return [Unicode.Scalar(UInt8(48 + Int(value)))]
        }
        if properties.changesWhenNFKCCaseFolded || properties.isWhitespace {
            let compatible = String(scalar).precomposedStringWithCompatibilityMapping
            let result = Array(compatible.unicodeScalars)
            if !result.isEmpty { return result }
        }
        return [scalar]
    }

    static let punctuation: [Unicode.Scalar: Unicode.Scalar] = [
        "\u{2018}": "'", "\u{2019}": "'", "\u{201A}": "'", "\u{201B}": "'", "\u{2032}": "'", "\u{02BC}": "'",
        "\u{201C}": "\"", "\u{201D}": "\"", "\u{201E}": "\"", "\u{2033}": "\"",
        "\u{2010}": "-", "\u{2011}": "-", "\u{2012}": "-", "\u{2013}": "-", "\u{2014}": "-", "\u{2015}": "-",
        "\u{2212}": "-", "\u{FE58}": "-", "\u{2024}": ".", "\u{3002}": ".", "\u{FF61}": ".",
        "\u{00A0}": " ", "\u{2007}": " ", "\u{202F}": " ", "\u{3000}": " ",
    ]

    /// Letters from other scripts that look like Latin ones (a small, common subset of Unicode's confusables).
    static let confusables: [Unicode.Scalar: Unicode.Scalar] = {
        let pairs: [(String, String)] = [
            // Cyrillic
            ("аеорсухіјѕԁһԛԝѵӏ", "aeopcyxijsdhqwvl"),
            ("АВЕКМНОРСТХІЈЅУ", "ABEKMHOPCTXIJSY"),
            // Greek
            ("οαντιυκρχ", "oavtiukpx"),
            ("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ABEZHIKMNOPTYX"),
            // Latin look-alikes outside ASCII
            ("ɡɑıȷʟ", "gailL"),
        ]
        var map: [Unicode.Scalar: Unicode.Scalar] = [:]
        for (from, to) in pairs {
            for (source, target) in zip(from.unicodeScalars, to.unicodeScalars) { map[source] = target }
        }
        return map
    }()
}
