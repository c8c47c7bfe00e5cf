/// The features the learned models read from a text: words, word pairs and character n-grams of words.
///
/// The Swift twin of `scripts/modelfeatures.py`, which trains the weights; the two must compute the same
/// features for every text (`Tests/PorchScreeningTests/Fixtures/model-features.jsonl` checks it). A text becomes
/// words scalar by scalar: format characters (zero-width, soft hyphen) and apostrophes are skipped; letters,
/// combining marks, decimal digits and `*` extend a word, lower-cased; an other symbol (an emoji) is a word of its
/// own; anything else ends a word. Features: `w:word`, `w:word next`, and `c:` + every 3-, 4- and 5-scalar slice
/// of the word padded with a space each side. Each word feature weighs 1/√(distinct word features), each
/// character feature 1/√(distinct character features).
public enum ModelFeatures {
    /// The words of a text, in order.
    public static func tokens(_ text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let category = scalar.properties.generalCategory
            if category == .format || scalar == "'" || scalar == "\u{2019}" { continue }
            if extendsWord(scalar, category) {
                if scalar.isASCII {
                    let value = scalar.value
                    current.append(value >= 65 && value <= 90 ? Unicode.Scalar(value + 32)! : scalar)
                } else {
                    current.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
                }
                continue
            }
            if !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
            if category == .otherSymbol { words.append(String(scalar)) }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }

    static func extendsWord(_ scalar: Unicode.Scalar, _ category: Unicode.GeneralCategory) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (value | 0x20) &- 0x61 < 26 || value &- 0x30 < 10 || value == 0x2A
        }
        switch category {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .nonspacingMark,
            .decimalNumber:
            return true
        default:
            return false
        }
    }

    /// Every feature of a text with its value (see the type's description), in no particular order. Features
    /// are told apart by their scalars, as the training script does (Swift's `==` on strings would merge
    /// canonically equal ones). Porch scores with `HashedFeatures`; this readable form is for tests and tools.
    public static func features(_ text: String) -> [(name: String, value: Double)] {
        let words = tokens(text).map { Array($0.unicodeScalars) }
        var wordFeatures: [[Unicode.Scalar]] = []
        var charFeatures: [[Unicode.Scalar]] = []
        var seen = Set<[Unicode.Scalar]>()
        func add(_ feature: [Unicode.Scalar], to list: inout [[Unicode.Scalar]]) {
            if seen.insert(feature).inserted { list.append(feature) }
        }
        let wordPrefix = Array("w:".unicodeScalars)
        let charPrefix = Array("c:".unicodeScalars)
        for (index, word) in words.enumerated() {
            add(wordPrefix + word, to: &wordFeatures)
            if index + 1 < words.count { add(wordPrefix + word + [" "] + words[index + 1], to: &wordFeatures) }
            let padded: [Unicode.Scalar] = [" "] + word + [" "]
            for size in 3...5 where padded.count >= size {
                for start in 0...(padded.count - size) {
                    add(charPrefix + padded[start..<(start + size)], to: &charFeatures)
                }
            }
        }
        func named(_ list: [[Unicode.Scalar]]) -> [(name: String, value: Double)] {
            guard !list.isEmpty else { return [] }
            let value = 1 / Double(list.count).squareRoot()
            return list.map { scalars in
                var text = String.UnicodeScalarView()
                text.append(contentsOf: scalars)
                return (String(text), value)
            }
        }
        return named(wordFeatures) + named(charFeatures)
    }
}
