import Foundation

/// Whether a gold PII span survives in the scrubbed text near where it was: the definitions of the shared
/// corpus scorer (`../shared/corpus/score.py`), so `porch rules test` and `make score-pii` count alike.
///
/// Text is NFKC-folded with zero-width characters dropped. Digit types leak when more than half the value's
/// digits (all of them up to five) survive as one run in the window's digits; postcodes and plates when the
/// value's letters and digits survive together; handles when the identifying part does (web words such as
/// gmail and com aside); word types when any key word of three letters or more survives as a whole word.
public enum LeakTest {
    /// The number of characters the window takes on each side of the span's place in the scrubbed text.
    public static let pad = 12

    static let digitTypes: Set<String> = [
        "PHONE", "SSN", "NATIONAL_ID", "CREDIT_CARD", "IBAN", "IP_ADDRESS", "DATE_OF_BIRTH", "MEDICAL_RECORD_NUMBER",
    ]
    static let compactTypes: Set<String> = ["POSTCODE", "LICENSE_PLATE"]
    static let handleTypes: Set<String> = ["EMAIL", "URL", "SOCIAL_HANDLE"]

    static let webGeneric = Set(
        """
        http https www com org net co uk ca au io me us edu gov info gmail googlemail yahoo hotmail outlook icloud aol
        live msn btinternet bigpond protonmail proton mail email facebook fb instagram insta ig twitter tiktok linkedin
        reddit youtube snapchat threads blogspot wordpress substack medium tumblr gofundme caringbridge visit user in f
        u p dot at underscore slash
        """.split(whereSeparator: \.isWhitespace).map(String.init))
    static let wordGeneric = Set(
        """
        the and of in on at for my our dr mr mrs ms miss street st avenue ave road rd lane ln drive court ct way
        boulevard blvd place pl circle terrace close crescent grove gardens mews parade apt apartment suite unit flat
        hospital general memorial regional medical center centre children childrens infirmary royal elementary middle
        high school primary academy grammar catholic clinic fertility reproductive associates ivf hospice house branch
        community credit union dental accountants ltd inc llc plc group sons company
        """.split(whereSeparator: \.isWhitespace).map(String.init))
    static let numberWords = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]

    /// Leaked (the value, or enough of it, is still readable) and untouched (the value is there verbatim).
    public static func leak(type: String, value: String, window: String) -> (leaked: Bool, untouched: Bool) {
        let normalValue = norm(value)
        let normalWindow = norm(window)
        if normalWindow.contains(normalValue) { return (true, true) }
        if digitTypes.contains(type) {
            let valueDigits = digits(value)
            if valueDigits.count >= 4 {
                return (longestRun(valueDigits, digits(window)) >= majority(valueDigits.count), false)
            }
            let key = compact(value)
            return (key.count >= 3 && compact(window).contains(key), false)
        }
        if compactTypes.contains(type) {
            let key = compact(value)
            return (key.count >= 2 && compact(window).contains(key), false)
        }
        if handleTypes.contains(type) {
            let key = tokens(value).map { $0.lowercased() }.filter { !webGeneric.contains($0) }.joined()
            guard key.count >= 3 else { return (false, false) }
            return (
                longestRun(Array(key.unicodeScalars), Array(compact(window).unicodeScalars)) >= majority(key.count),
                false
            )
        }
        let windowWords = Set(tokens(normalWindow).map { $0.lowercased() })
        let keys = tokens(value).filter { $0.count >= 3 && !wordGeneric.contains($0.lowercased()) }
        return (keys.contains { windowWords.contains($0.lowercased()) }, false)
    }

    /// NFKC with zero-width characters and the soft hyphen dropped.
    static func norm(_ text: String) -> String {
        let dropped: Set<Unicode.Scalar> = ["\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}", "\u{00AD}"]
        let folded = text.precomposedStringWithCompatibilityMapping
        return String(String.UnicodeScalarView(folded.unicodeScalars.filter { !dropped.contains($0) }))
    }

    /// The digits of a text, a whole word spelled as a digit ("five") read as that digit.
    static func digits(_ text: String) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        var word = String.UnicodeScalarView()
        func flush() {
            if let digit = numberWords.firstIndex(of: String(word).lowercased()) {
                result.append(Unicode.Scalar(UInt8(48 + digit)))
            } else {
                result += word.filter { ("0"..."9").contains($0) }
            }
            word = String.UnicodeScalarView()
        }
        for scalar in norm(text).unicodeScalars {
            if scalar.properties.isAlphabetic || scalar == "_" || scalar.properties.numericType != nil {
                word.append(scalar)
            } else {
                flush()
            }
        }
        flush()
        return result
    }

    /// Lower-cased ASCII letters and digits only.
    static func compact(_ text: String) -> String {
        String(String.UnicodeScalarView(norm(text).lowercased().unicodeScalars.filter { isAlphanumeric($0) }))
    }

    static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    /// Runs of ASCII letters and digits.
    static func tokens(_ text: String) -> [String] {
        var found: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in norm(text).unicodeScalars {
            if isAlphanumeric(scalar) {
                current.append(scalar)
            } else if !current.isEmpty {
                found.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { found.append(String(current)) }
        return found
    }

    static func majority(_ count: Int) -> Int { count <= 5 ? count : count / 2 + 1 }

    /// The length of the longest stretch of `needle` that also occurs in `haystack`.
    static func longestRun(_ needle: [Unicode.Scalar], _ haystack: [Unicode.Scalar]) -> Int {
        guard !needle.isEmpty, !haystack.isEmpty else { return 0 }
        var previous = [Int](repeating: 0, count: haystack.count + 1)
        var best = 0
        for first in needle {
            var current = [Int](repeating: 0, count: haystack.count + 1)
            for (index, second) in haystack.enumerated() where first == second {
                current[index + 1] = previous[index] + 1
                best = max(best, current[index + 1])
            }
            previous = current
        }
        return best
    }
}
