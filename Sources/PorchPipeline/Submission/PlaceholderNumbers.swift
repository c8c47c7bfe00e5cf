import PorchModel
import PorchQueue

/// Keeps a post's placeholder numbers stable for its whole life: text screened again after an edit already holds
/// `[phone 1]` and `[phone 2]` as plain text, so a number found in it now becomes `[phone 3]`, never a second
/// `[phone 1]` for a different number.
public enum PlaceholderNumbers {
    /// `screening` with each new placeholder numbered after the highest of its label already in the screened text;
    /// the scrubbed text and the output offsets are rebuilt to match. A screening without redactions is unchanged.
    public static func continuing(_ screening: Screening) -> Screening {
        guard !screening.redactions.isEmpty else { return screening }
        let original = Array(screening.originalText.unicodeScalars)
        var highest: [String: Int] = [:]
        for redaction in screening.redactions {
            guard let (label, _) = parse(redaction.placeholder), highest[label] == nil else { continue }
            highest[label] = highestNumber(of: label, in: screening.originalText)
        }
        guard highest.values.contains(where: { $0 > 0 }) else { return screening }

        var result = screening
        var text = String.UnicodeScalarView()
        var cursor = 0
        var redactions: [StoredRedaction] = []
        for redaction in screening.redactions.sorted(by: { $0.start < $1.start }) {
            guard redaction.start >= cursor, redaction.end <= original.count else { return screening }
            text.append(contentsOf: original[cursor..<redaction.start])
            var moved = redaction
            if let (label, number) = parse(redaction.placeholder) {
                moved.placeholder = "[\(label) \(number + highest[label, default: 0])]"
            }
            moved.outputStart = text.count
            text.append(contentsOf: moved.placeholder.unicodeScalars)
            moved.outputEnd = text.count
            redactions.append(moved)
            cursor = redaction.end
        }
        text.append(contentsOf: original[cursor...])
        result.scrubbedText = String(text)
        result.redactions = redactions
        return result
    }

    /// `[label N]` as its label and number.
    public static func parse(_ placeholder: String) -> (label: String, number: Int)? {
        guard placeholder.hasPrefix("["), placeholder.hasSuffix("]"),
            let space = placeholder.lastIndex(of: " "),
            let number = Int(
                placeholder[placeholder.index(after: space)..<placeholder.index(before: placeholder.endIndex)])
        else { return nil }
        return (String(placeholder[placeholder.index(after: placeholder.startIndex)..<space]), number)
    }

    /// The highest N of a `[label N]` written in `text`, or 0.
    public static func highestNumber(of label: String, in text: String) -> Int {
        let prefix = "[\(label) "
        var highest = 0
        var searchFrom = text.startIndex
        while let found = text.range(of: prefix, range: searchFrom..<text.endIndex) {
            let digits = text[found.upperBound...].prefix(while: { $0.isASCII && $0.isNumber })
            if !digits.isEmpty, text[digits.endIndex...].first == "]", let number = Int(digits) {
                highest = max(highest, number)
            }
            searchFrom = found.upperBound
        }
        return highest
    }
}
