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

    /// Every feature of a text with its value (see the type's description).
    public static func features(_ text: String) -> [String: Double] {
        features(ofTokens: tokens(text))
    }

    /// The features of words already split.
    public static func features(ofTokens words: [String]) -> [String: Double] {
        var wordFeatures = Set<String>()
        var charFeatures = Set<String>()
        for (index, word) in words.enumerated() {
            wordFeatures.insert("w:" + word)
            if index + 1 < words.count { wordFeatures.insert("w:" + word + " " + words[index + 1]) }
            var padded: [Unicode.Scalar] = [" "]
            padded.append(contentsOf: word.unicodeScalars)
            padded.append(" ")
            for size in 3...5 where padded.count >= size {
                for start in 0...(padded.count - size) {
                    var gram = String.UnicodeScalarView()
                    gram.append(contentsOf: "c:".unicodeScalars)
                    gram.append(contentsOf: padded[start..<(start + size)])
                    charFeatures.insert(String(gram))
                }
            }
        }
        var values: [String: Double] = [:]
        values.reserveCapacity(wordFeatures.count + charFeatures.count)
        if !wordFeatures.isEmpty {
            let value = 1 / Double(wordFeatures.count).squareRoot()
            for feature in wordFeatures { values[feature] = value }
        }
        if !charFeatures.isEmpty {
            let value = 1 / Double(charFeatures.count).squareRoot()
            for feature in charFeatures { values[feature] = value }
        }
        return values
    }
}
